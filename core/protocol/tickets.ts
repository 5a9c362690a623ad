/**
 * 工单 (tickets): what one chat cannot close (a refund to chase, a parcel to trace with the
 * carrier, a quality complaint), followed to closure across departments. Bodies and queries of
 * `/api/tickets`, and the shapes the console reads. Rules (transitions, SLA) live in
 * core/domain/tickets.ts.
 */
import * as v from "valibot";
import { ShopId, ThreadId } from "./common";

export const TICKET_STATUSES = ["open", "in_progress", "pending", "resolved", "closed"] as const;
export const TicketStatus = v.picklist(TICKET_STATUSES, "must be one of open, in_progress, pending, resolved, closed");
export type TicketStatus = v.InferOutput<typeof TicketStatus>;

export const TICKET_PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const TicketPriority = v.picklist(TICKET_PRIORITIES, "must be one of low, normal, high, urgent");
export type TicketPriority = v.InferOutput<typeof TicketPriority>;

export const TICKET_CATEGORIES = ["refund", "return", "exchange", "logistics", "quality", "complaint", "invoice", "other"] as const;
export const TicketCategory = v.picklist(TICKET_CATEGORIES, "must be one of refund, return, exchange, logistics, quality, complaint, invoice, other");
export type TicketCategory = v.InferOutput<typeof TicketCategory>;

export const TICKET_TITLE_MAX = 100;
export const TICKET_TEXT_MAX = 2000;

const Title = v.pipe(v.string("must be a string"), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(TICKET_TITLE_MAX, `must be at most ${TICKET_TITLE_MAX} characters`));
const LongText = v.pipe(v.string("must be a string"), v.trim(), v.maxLength(TICKET_TEXT_MAX, `must be at most ${TICKET_TEXT_MAX} characters`));
const NonEmptyText = v.pipe(LongText, v.minLength(1, "must not be empty"));
const RefId = v.pipe(v.string("must be a string"), v.minLength(1, "must not be empty"), v.maxLength(64, "must be at most 64 characters"));
/** A skill group's key in the ticket's shop: the department that holds the ticket. */
const Department = v.pipe(v.string("must be a string"), v.regex(/^[a-z0-9_-]{1,32}$/, "must be a skill group key of the shop"));

/** `POST /api/tickets`: a ticket on a thread, usually from the chat an agent is in. */
export const TicketCreateBody = v.object({
  threadId: ThreadId,
  /** The consultation it came from; must be one of the thread's sessions. */
  sessionId: v.optional(RefId),
  /** The order it is about; must be the customer's order in the thread's shop. */
  orderId: v.optional(RefId),
  /** A left message (留言) it takes over: marked handled, linked from the ticket. */
  leaveMessageId: v.optional(RefId),
  title: Title,
  description: v.optional(LongText, ""),
  category: TicketCategory,
  priority: v.optional(TicketPriority, "normal"),
  department: v.optional(v.nullable(Department), null),
  /** A staff member of the shop (or platform staff); null leaves it for the department to take. */
  assigneeId: v.optional(v.nullable(RefId), null),
  /** Tell the shopper in the chat that a ticket was opened (default true). */
  notifyCustomer: v.optional(v.boolean("must be true or false"), true),
});
export type TicketCreateBody = v.InferOutput<typeof TicketCreateBody>;

/** `POST /api/tickets/:id/actions`: one change, recorded as one event of the ticket's log. */
export const TicketAction = v.variant(
  "type",
  [
    /** An internal note, or with `toCustomer` a reply posted into the shopper's chat. */
    v.object({ type: v.literal("comment"), text: NonEmptyText, toCustomer: v.optional(v.boolean("must be true or false"), false) }),
    /** `note` says why; on `resolved` it is what the shopper is told (when `notifyCustomer`). */
    v.object({ type: v.literal("status"), status: TicketStatus, note: v.optional(LongText, ""), notifyCustomer: v.optional(v.boolean("must be true or false"), true) }),
    v.object({ type: v.literal("assign"), assigneeId: v.nullable(RefId) }),
    /** Hand the ticket to another department (skill group); it leaves the current assignee. */
    v.object({ type: v.literal("department"), department: v.nullable(Department), note: v.optional(LongText, "") }),
    v.object({ type: v.literal("priority"), priority: TicketPriority }),
  ],
  "type must be one of comment, status, assign, department, priority",
);
export type TicketAction = v.InferOutput<typeof TicketAction>;

export const TICKET_VIEWS = ["active", "open", "in_progress", "pending", "resolved", "closed", "all"] as const;

/** `GET /api/tickets`: a page of the shop's tickets (platform staff: one shop or all). */
export const TicketListQuery = v.object({
  shop: v.optional(ShopId),
  /** `active` (default): open, in progress or pending. */
  status: v.optional(v.picklist(TICKET_VIEWS, `must be one of ${TICKET_VIEWS.join(", ")}`), "active"),
  /** `me`, `none` (unassigned) or a staff id. */
  assignee: v.optional(RefId),
  department: v.optional(Department),
  /** `true`: only those past their due time and not resolved or closed. */
  overdue: v.optional(v.picklist(["true", "false"], "must be true or false")),
  customer: v.optional(RefId),
  /** Matches the number (`#12` or `12`), title or description. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, "must be at most 100 characters"))),
  /** The `next` of the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(100, "must be at most 100 characters"))),
});
export type TicketListQuery = v.InferOutput<typeof TicketListQuery>;

/** `GET /api/tickets/export`: every ticket a list's filters match (no paging), as CSV in `lang`. */
export const TicketExportQuery = v.object({
  ...v.omit(TicketListQuery, ["cursor"]).entries,
  lang: v.optional(v.picklist(["zh-CN", "en"], "must be zh-CN or en"), "zh-CN"),
});
export type TicketExportQuery = v.InferOutput<typeof TicketExportQuery>;

/** How long the shopper's reason for saying a resolved ticket is not solved may be. */
export const TICKET_ANSWER_REASON_MAX = 500;
export const SHOPPER_ANSWERS = ["solved", "unsolved"] as const;
export type ShopperAnswer = (typeof SHOPPER_ANSWERS)[number];

/**
 * `POST /api/threads/:threadId/tickets/:id/answer`: the shopper's answer to a resolution, "is your
 * problem solved?". `solved` closes the ticket; `unsolved` reopens it, with their reason (kept
 * only with `unsolved`).
 */
export const TicketAnswerBody = v.object({
  answer: v.picklist(SHOPPER_ANSWERS, "must be solved or unsolved"),
  reason: v.optional(v.pipe(v.string("must be a string"), v.trim(), v.maxLength(TICKET_ANSWER_REASON_MAX, `must be at most ${TICKET_ANSWER_REASON_MAX} characters`)), ""),
});
export type TicketAnswerBody = v.InferOutput<typeof TicketAnswerBody>;

export const TicketIdParam = v.object({ id: v.pipe(v.string(), v.regex(/^tkt_[A-Za-z0-9]{8,32}$/, "must be a ticket id")) });

/** `overdue`: the cron's record that the due time passed while the ticket was still active (one per due time). */
export const TICKET_EVENT_KINDS = ["created", "comment", "reply", "status", "assign", "department", "priority", "overdue"] as const;
export type TicketEventKind = (typeof TICKET_EVENT_KINDS)[number];

/**
 * The actor id of what the platform does on its own (closing a resolution nobody answered). The
 * shopper's own answer is logged with their customer id as the actor.
 */
export const TICKET_SYSTEM_ACTOR_ID = "system";

/** One entry of a ticket's append-only log. */
export interface TicketEvent {
  id: number;
  kind: TicketEventKind;
  at: number;
  actor: { id: string; name: string };
  /** comment / reply text, or a change's note. */
  text: string | null;
  /** For changes: the value before and after (status, priority, department key, assignee id). */
  from: string | null;
  to: string | null;
  /** For assignments: the names of `from` and `to`. */
  fromName?: string | null;
  toName?: string | null;
}

/** Who acted on a log entry: staff, the shopper (answering a resolution) or the platform itself. */
export type TicketActorRole = "staff" | "customer" | "system";

/** The newest entry of a ticket's log: what changed last, when and by whom. */
export interface TicketLatest {
  kind: TicketEventKind;
  at: number;
  actorId: string;
  by: TicketActorRole;
}

/** A ticket as lists and the detail view show it. */
export interface Ticket {
  id: string;
  /** Per shop, from 1: what staff and the shopper call it (#12). */
  number: number;
  shopId: string;
  threadId: string;
  customer: { id: string; name: string; level: string };
  sessionId: string | null;
  orderId: string | null;
  leaveMessageId: string | null;
  title: string;
  description: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  department: { key: string; name: string; nameEn: string } | null;
  assignee: { id: string; name: string } | null;
  createdBy: { id: string; name: string };
  createdAt: number;
  updatedAt: number;
  /** When it should be resolved by (from the priority's SLA); past it and still active = overdue. */
  dueAt: number;
  overdue: boolean;
  resolvedAt: number | null;
  closedAt: number | null;
  /** The newest log entry (null only for a ticket without one, which creation never leaves). */
  latest: TicketLatest | null;
}

export interface TicketPage {
  tickets: Ticket[];
  /** Counts per status within the same shop scope and filters other than status. */
  counts: Record<TicketStatus, number> & { overdue: number };
  next: string | null;
}

export interface TicketDetail {
  ticket: Ticket;
  /** Oldest first. */
  events: TicketEvent[];
}

/** How many of a thread's tickets the shopper's list holds (newest first). */
export const SHOPPER_TICKET_LIMIT = 50;

/**
 * One entry of a ticket's history as its shopper sees it: that it was opened, the replies sent
 * to them, and each status it took. Internal notes, who did what, departments and priorities
 * never reach this shape; a status change's note is internal (a resolution's note the shopper
 * was told is recorded as a `reply`).
 */
export type ShopperTicketEntry =
  | { kind: "created"; at: number }
  | { kind: "reply"; at: number; text: string }
  | { kind: "status"; at: number; status: TicketStatus }
  /** The shopper's own answer to a resolution (the status it set is implied), with their reason. */
  | { kind: "answer"; at: number; answer: ShopperAnswer; reason: string | null };

/** A ticket as its shopper sees it (`GET /api/threads/:threadId/tickets`). */
export interface ShopperTicket {
  id: string;
  number: number;
  title: string;
  category: TicketCategory;
  status: TicketStatus;
  /** The shopper's own order it is about, if any. */
  orderId: string | null;
  createdAt: number;
  /** The time of the latest entry of `timeline`: staff-only activity does not move it. */
  updatedAt: number;
  resolvedAt: number | null;
  closedAt: number | null;
  /** Oldest first. */
  timeline: ShopperTicketEntry[];
}

export interface ShopperTicketList {
  /** Newest first, at most `SHOPPER_TICKET_LIMIT`. */
  tickets: ShopperTicket[];
}
