/**
 * Pending commands on the queue socket. The queue answers a command with an error frame, or
 * by its effect (a snapshot, an assignment); it sends no acknowledgement. Frames of one socket
 * arrive in order, so an error settles the oldest pending command, and any other event settles
 * the commands whose effect it shows.
 */
import type { QueueEvent } from "../../../core/protocol";
import type { UiError } from "./conversation-state";

/** A command that got neither its effect nor an error by then is reported as failed. */
const COMMAND_TIMEOUT_MS = 10_000;

interface Pending {
  key: string;
  settles: (e: QueueEvent) => boolean;
  resolve: (err: UiError | null) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createCommandTracker(onKeys: (keys: ReadonlySet<string>) => void) {
  let list: Pending[] = [];
  const publish = () => onKeys(new Set(list.map((p) => p.key)));

  function settle(p: Pending, err: UiError | null) {
    clearTimeout(p.timer);
    list = list.filter((x) => x !== p);
    p.resolve(err);
  }

  return {
    /** Tracks a sent command; resolves with null on success or the error that answered it. */
    add(key: string, settles: (e: QueueEvent) => boolean): Promise<UiError | null> {
      return new Promise((resolve) => {
        const timeout = () => {
          settle(p, { code: "network", message: "no answer from the queue" });
          publish();
        };
        const p: Pending = { key, settles, resolve, timer: setTimeout(timeout, COMMAND_TIMEOUT_MS) };
        list.push(p);
        publish();
      });
    },
    /** Returns false for an error frame no command was waiting for. */
    onEvent(e: QueueEvent): boolean {
      if (e.type === "error") {
        const oldest = list[0];
        if (!oldest) return false;
        settle(oldest, { code: e.error.code, message: e.error.message, ...(e.error.details !== undefined ? { details: e.error.details } : {}) });
      } else {
        for (const p of list.filter((x) => x.settles(e))) settle(p, null);
      }
      publish();
      return true;
    },
    /** The socket closed: nothing pending will be answered. */
    failAll(err: UiError) {
      for (const p of [...list]) settle(p, err);
      publish();
    },
    dispose() {
      for (const p of list) clearTimeout(p.timer);
      list = [];
    },
  };
}
