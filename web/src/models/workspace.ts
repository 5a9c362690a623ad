/**
 * The agent's workspace after login: the thread list, the selected thread (kept in the URL hash
 * so a reload reopens it) and the conversation model of that thread, replaced on every switch.
 */
import { computed, createModel, effect, signal, untracked } from "@preact/signals";
import { createApi } from "../common/api";
import type { StaffProfile } from "../common/api-types";
import { ConversationModel } from "./conversation";
import { FileCacheModel } from "./files";
import { ThreadListModel } from "./threads";

const HASH_PREFIX = "#/t/";

function threadFromHash(): string | null {
  return location.hash.startsWith(HASH_PREFIX) ? decodeURIComponent(location.hash.slice(HASH_PREFIX.length)) : null;
}

export interface WorkspaceOptions {
  token: string;
  staff: StaffProfile;
  /** A call answered 401: the staff session is over. */
  onUnauthorized: () => void;
}

export const WorkspaceModel = createModel((opts: WorkspaceOptions) => {
  const api = createApi({ token: () => opts.token, onUnauthorized: opts.onUnauthorized });
  const threads = new ThreadListModel(api);
  const files = new FileCacheModel(api);
  const selectedId = signal<string | null>(threadFromHash());
  const conversation = signal<ConversationModel | null>(null);
  const selected = computed(() => threads.items.value.find((r) => r.threadId === selectedId.value) ?? null);
  /** The open thread's session as its room reports it, fresher than the polled list. */
  const liveStatus = computed(() => conversation.value?.session.value?.status ?? null);

  effect(() => {
    const onHash = () => (selectedId.value = threadFromHash());
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  });

  // One socket at a time: the previous thread's model (and socket) goes when another is opened.
  effect(() => {
    const threadId = selectedId.value;
    if (!threadId) return;
    const model = untracked(
      () => new ConversationModel({ api, threadId, token: opts.token, me: { id: opts.staff.id, side: "agent" }, channel: "pc" }),
    );
    conversation.value = model;
    return () => {
      conversation.value = null;
      model[Symbol.dispose]();
    };
  });

  // The open thread's room knows its unread count best; show it in the list as it changes.
  effect(() => {
    const model = conversation.value;
    const threadId = selectedId.value;
    if (model && threadId) threads.setUnread(threadId, model.unread.value.agent);
  });

  return {
    threads,
    files,
    selectedId,
    selected,
    liveStatus,
    conversation,
    select(threadId: string) {
      location.hash = `${HASH_PREFIX}${threadId}`;
      selectedId.value = threadId;
    },
  };
});
export type WorkspaceModel = InstanceType<typeof WorkspaceModel>;
