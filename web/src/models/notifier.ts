/**
 * How the console gets an agent's attention for a new assignment: a chime (Web Audio), a
 * browser notification when the agent allowed them and is looking elsewhere, and a toast.
 * Permission is only ever asked from a click (`enable`), never on load.
 */
import { createModel, signal } from "@preact/signals";
import { playChime, unlockAudio } from "../common/chime";
import { t } from "../common/i18n";
import type { ToastModel } from "./toasts";

type Permission = NotificationPermission | "unsupported";

function currentPermission(): Permission {
  return typeof Notification === "undefined" ? "unsupported" : Notification.permission;
}

export interface Announcement {
  title: string;
  body: string;
  threadId: string;
  /** Opens the thread when the agent clicks the notification or the toast. */
  open: () => void;
}

export const NotifierModel = createModel((toasts: ToastModel) => {
  const permission = signal<Permission>(currentPermission());

  return {
    permission,
    /** From a click: unlock the chime and ask for notification permission if not decided yet. */
    async enable() {
      unlockAudio();
      if (permission.value !== "default") return;
      try {
        permission.value = await Notification.requestPermission();
      } catch {
        permission.value = currentPermission();
      }
    },
    /** Any click on the page also unlocks audio (browsers need a gesture before sound). */
    unlock: unlockAudio,
    announce(a: Announcement) {
      playChime();
      toasts.push({ title: a.title, body: a.body, action: { label: t("assign.open"), run: a.open } });
      const away = document.visibilityState !== "visible" || !document.hasFocus();
      if (permission.value !== "granted" || !away) return;
      try {
        const n = new Notification(a.title, { body: a.body, tag: `kefu-${a.threadId}` });
        n.onclick = () => {
          window.focus();
          a.open();
          n.close();
        };
      } catch {
        // Some browsers only allow notifications from a service worker; the toast still shows.
      }
    },
  };
});
export type NotifierModel = InstanceType<typeof NotifierModel>;
