/**
 * Unobtrusive in-app notices (bottom corner), each gone after a few seconds unless the agent
 * acts on it first.
 */
import { createModel, effect, signal } from "@preact/signals";

export interface Toast {
  id: number;
  title: string;
  body?: string;
  /** Its button, if any, and what it does (the toast goes with it): 打开 a new chat, 查看 a login. */
  action?: { label: string; run: () => void };
  /** Stays until dismissed or acted on: a notice the agent must not miss. */
  sticky?: boolean;
}

const TOAST_MS = 8000;

export const ToastModel = createModel(() => {
  const items = signal<readonly Toast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  function dismiss(id: number) {
    clearTimeout(timers.get(id));
    timers.delete(id);
    items.value = items.value.filter((t) => t.id !== id);
  }

  effect(() => () => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  return {
    items,
    /** Shows a toast; at most three at once, the oldest goes first. */
    push(toast: Omit<Toast, "id">) {
      const id = nextId++;
      const overflow = items.value.slice(0, -2);
      for (const t of overflow) dismiss(t.id);
      items.value = [...items.value, { ...toast, id }];
      if (!toast.sticky) timers.set(id, setTimeout(() => dismiss(id), TOAST_MS));
    },
    dismiss,
  };
});
export type ToastModel = InstanceType<typeof ToastModel>;
