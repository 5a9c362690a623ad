/**
 * The console's place in the URL hash, so a reload lands where the agent was:
 * `#/t/<threadId>` (a conversation), `#/queue`, `#/admin`, `#/leave`, `#/replies` (an agent's
 * canned replies), `#/stats` (数据报表; agents: their own figures), `#/account` (账号安全); anything else is 会话.
 */
export type View = "chats" | "queue" | "admin" | "stats" | "leave" | "replies" | "account";

export interface Route {
  view: View;
  /** Set only for `#/t/…`; other views keep whatever thread was open. */
  threadId?: string;
}

const THREAD_PREFIX = "#/t/";

export function parseHash(hash: string): Route {
  if (hash.startsWith(THREAD_PREFIX)) return { view: "chats", threadId: decodeURIComponent(hash.slice(THREAD_PREFIX.length)) };
  const view = hash.slice(2);
  return { view: view === "queue" || view === "admin" || view === "stats" || view === "leave" || view === "replies" || view === "account" ? view : "chats" };
}

export function hashOf(view: View, threadId: string | null): string {
  if (view === "chats") return threadId ? `${THREAD_PREFIX}${encodeURIComponent(threadId)}` : "#/";
  return `#/${view}`;
}
