/**
 * 账号安全 → 登录设备: the staff member's own live login sessions (GET /api/auth/sessions), the
 * current one first. Any other can be logged out, or all others at once; the list is asked again
 * each time the page is shown and after every change, since other devices come and go meanwhile.
 */
import { createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import type { StaffSessionView } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import { busyRun } from "./busy-run";

export interface SessionsOptions {
  api: ApiClient;
  /** The account page is shown: the list loads each time it becomes so. */
  active: ReadonlySignal<boolean>;
  /** The current session was ended from the list: the console logs out as on its own logout. */
  onLoggedOut: () => void;
}

export const SessionsModel = createModel((opts: SessionsOptions) => {
  /** The live sessions, current first; null until the first load. */
  const sessions = signal<StaffSessionView[] | null>(null);
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  /** How many sessions the last end (one, or all others) logged out; null until one went through. */
  const ended = signal<number | null>(null);

  const run = busyRun(busy, error);

  const fetchList = async () => {
    sessions.value = (await opts.api.get<{ sessions: StaffSessionView[] }>("/auth/sessions")).sessions;
  };

  async function load() {
    await run(fetchList);
  }

  effect(() => {
    if (opts.active.value) void load();
  });

  return {
    sessions,
    busy,
    error,
    ended,
    load,
    /** Logs out one session; the current one is a logout of this console. */
    async endOne(id: string) {
      const current = sessions.peek()?.find((s) => s.id === id)?.current === true;
      ended.value = null;
      await run(async () => {
        try {
          await opts.api.del(`/auth/sessions/${encodeURIComponent(id)}`);
          ended.value = 1;
        } catch (err) {
          // Already over (expired, or ended from another device): the reload below drops its row.
          if (toUiError(err).code !== "not_found") throw err;
        }
        if (current) return opts.onLoggedOut();
        await fetchList();
      });
    },
    /** Logs out every session but this one. */
    async endOthers() {
      ended.value = null;
      await run(async () => {
        ended.value = (await opts.api.post<{ ended: number }>("/auth/sessions/end-others", {})).ended;
        await fetchList();
      });
    },
  };
});
export type SessionsModel = InstanceType<typeof SessionsModel>;
