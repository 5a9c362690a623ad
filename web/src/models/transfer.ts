/**
 * The transfer dialog (转接): to an agent of the shop (from the live queue snapshot, with their
 * load) or to a skill group, with an optional staff-only note; sent on the queue socket.
 */
import { computed, createModel, signal } from "@preact/signals";
import type { UiError } from "./conversation-state";
import type { QueueModel } from "./queue";

export interface TransferOptions {
  queue: QueueModel;
  sessionId: string;
  /** Who has the chat now; not offered as a target. */
  currentAgentId: string | null;
  onDone: () => void;
}

const STATUS_ORDER = { online: 0, busy: 1, away: 2, offline: 3 } as const;

export const TransferModel = createModel((opts: TransferOptions) => {
  const mode = signal<"agent" | "group">("agent");
  const agentId = signal<string | null>(null);
  const groupKey = signal<string | null>(null);
  const note = signal("");
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const agents = computed(() =>
    (opts.queue.snapshot.value?.agents ?? [])
      .filter((a) => a.id !== opts.currentAgentId && a.groups.length > 0)
      .sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.load / a.capacity - b.load / b.capacity),
  );
  const groups = computed(() => opts.queue.snapshot.value?.groups ?? []);
  const target = computed(() => (mode.value === "agent" ? agentId.value : groupKey.value));

  return {
    mode,
    agentId,
    groupKey,
    note,
    busy,
    error,
    agents,
    groups,
    target,
    async submit() {
      if (!target.value) {
        error.value = { code: "invalid_input", message: "" };
        return;
      }
      busy.value = true;
      error.value = null;
      const text = note.value.trim();
      const err = await opts.queue.transfer({
        sessionId: opts.sessionId,
        ...(mode.value === "agent" ? { toAgentId: agentId.value! } : { toGroupKey: groupKey.value! }),
        ...(text ? { note: text } : {}),
      });
      busy.value = false;
      if (err) error.value = err;
      else opts.onDone();
    },
  };
});
export type TransferModel = InstanceType<typeof TransferModel>;
