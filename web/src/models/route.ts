/**
 * The console's place in the URL hash, so a reload lands where the agent was:
 * `#/t/<threadId>` (a conversation), `#/queue`, `#/admin`, `#/leave`, `#/replies` (an agent's
 * canned replies), `#/stats` (数据报表; agents: their own figures), `#/tickets` or
 * `#/tickets/<ticketId>` (工单, one of them open), `#/proactive` (主动服务, admins), `#/quality` (质检; agents: their own reviews), `#/account` (账号安全);
 * anything else is 会话.
 */
export type View = "chats" | "queue" | "admin" | "stats" | "leave" | "replies" | "tickets" | "proactive" | "quality" | "account";

export interface Route {
  view: View;
  /** Set only for `#/t/…`; other views keep whatever thread was open. */
  threadId?: string;
  /** Set only for `#/tickets/…`: the ticket a link or a reload lands on. */
  ticketId?: string;
}

const THREAD_PREFIX = "#/t/";
const TICKET_PREFIX = "#/tickets/";
const VIEWS: readonly View[] = ["queue", "admin", "stats", "leave", "replies", "tickets", "proactive", "quality", "account"];

export function parseHash(hash: string): Route {
  if (hash.startsWith(THREAD_PREFIX)) return { view: "chats", threadId: decodeURIComponent(hash.slice(THREAD_PREFIX.length)) };
  if (hash.startsWith(TICKET_PREFIX) && hash.length > TICKET_PREFIX.length) return { view: "tickets", ticketId: decodeURIComponent(hash.slice(TICKET_PREFIX.length)) };
  const view = hash.slice(2) as View;
  return { view: VIEWS.includes(view) ? view : "chats" };
}

/** The hash of a view; `ticketId` only counts on 工单. */
export function hashOf(view: View, threadId: string | null, ticketId?: string | null): string {
  if (view === "chats") return threadId ? `${THREAD_PREFIX}${encodeURIComponent(threadId)}` : "#/";
  if (view === "tickets" && ticketId) return `${TICKET_PREFIX}${encodeURIComponent(ticketId)}`;
  return `#/${view}`;
}
