/**
 * 创建工单: the dialog's form, from a chat (its session) or from a left message (留言). Prefilled
 * from what the agent is looking at: the title from the shopper's words, the category guessed from
 * them, high priority for VIPs, the chat's entry order; the orders to choose from come from the
 * context panel (or, from 留言, from `GET /api/context`). Checked with the protocol's schema
 * before it is sent, so a field shows the same message the server would give.
 */
import { createModel, effect, signal } from "@preact/signals";
import { parseInput, parseThreadId } from "../../../core/protocol";
import { TICKET_TITLE_MAX, TicketCreateBody, type TicketCategory, type TicketDetail, type TicketPriority } from "../../../core/protocol/tickets";
import type { ApiClient } from "../common/api";
import type { ContextOrder, ThreadContext } from "../common/context-types";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import type { DirectoryLoader, TicketDirectory } from "./ticket-directory";

export interface TicketCreateOptions {
  api: ApiClient;
  threadId: string;
  sessionId?: string | null;
  leaveMessageId?: string | null;
  /** The context panel's data when opened from a chat; loaded here otherwise. */
  context: ThreadContext | null;
  /** The shopper's words the title and category start from. */
  text: string;
  /** The order to start on when the chat's entry names none (the one the shopper's words mean). */
  orderId?: string | null;
  /** The description's start (the left message's text and contact). */
  description?: string;
  directory: DirectoryLoader;
  onCreated: (detail: TicketDetail) => void;
}

/** Words that point at a category, in the order they are tried (a refund before a return). */
const CATEGORY_WORDS: [TicketCategory, RegExp][] = [
  ["invoice", /发票|invoice/i],
  ["exchange", /换货|换一[件个双]|换个|换成|换[大小]|发错|exchange/i],
  ["refund", /退款|退钱|refund/i],
  ["return", /退货|退回|return/i],
  ["quality", /质量|坏了|破损|瑕疵|掉色|起球|defect|broken|damaged|quality/i],
  ["logistics", /快递|物流|包裹|发货|到哪|签收|parcel|delivery|shipping|tracking/i],
  ["complaint", /投诉|举报|差评|complain/i],
];

/** The category the shopper's words suggest; `other` when none does. */
export function guessCategory(text: string): TicketCategory {
  return CATEGORY_WORDS.find(([, re]) => re.test(text))?.[0] ?? "other";
}

/** A title from the shopper's words: one line, at most the title's limit. */
export function titleFrom(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, TICKET_TITLE_MAX);
}

export const TicketCreateModel = createModel((opts: TicketCreateOptions) => {
  const { shopId } = parseThreadId(opts.threadId);
  const context = signal<ThreadContext | null>(opts.context);
  const directory = signal<TicketDirectory | null>(null);
  const title = signal(titleFrom(opts.text));
  const category = signal<TicketCategory>(guessCategory(opts.text));
  const priority = signal<TicketPriority>(opts.context?.customer.level === "vip" ? "high" : "normal");
  const department = signal("");
  const assigneeId = signal("");
  const entry = opts.context?.entry;
  const orderId = signal((entry?.type === "order" ? entry.id : opts.orderId) ?? "");
  const description = signal(opts.description ?? "");
  const notifyCustomer = signal(true);
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const fields = signal<FieldErrors>({});
  /** Whether the agent changed the priority (a VIP found later must not override their choice). */
  let priorityTouched = false;

  effect(() => {
    opts.directory(shopId).then((d) => (directory.value = d), (err) => (error.value = toUiError(err)));
  });

  effect(() => {
    if (opts.context) return;
    opts.api.get<ThreadContext>(`/context?thread=${encodeURIComponent(opts.threadId)}`).then((ctx) => {
      context.value = ctx;
      if (!priorityTouched && ctx.customer.level === "vip") priority.value = "high";
      if (!orderId.peek() && ctx.entry?.type === "order") orderId.value = ctx.entry.id;
    }, () => undefined);
  });

  /** The shop's orders of the customer, newest first (another shop's cannot be named). */
  function orders(): ContextOrder[] {
    return (context.value?.orders.items ?? []).filter((o) => o.shopId === shopId);
  }

  async function submit() {
    const body = {
      threadId: opts.threadId,
      ...(opts.sessionId ? { sessionId: opts.sessionId } : {}),
      ...(opts.leaveMessageId ? { leaveMessageId: opts.leaveMessageId } : {}),
      ...(orderId.peek() ? { orderId: orderId.peek() } : {}),
      title: title.peek(),
      description: description.peek(),
      category: category.peek(),
      priority: priority.peek(),
      department: department.peek() || null,
      assigneeId: assigneeId.peek() || null,
      notifyCustomer: notifyCustomer.peek(),
    };
    const parsed = parseInput(TicketCreateBody, body);
    if (!parsed.ok) {
      const e: UiError = { code: parsed.code, message: parsed.message, details: parsed.issues };
      [error.value, fields.value] = [e, fieldErrorsOf(e)];
      return;
    }
    busy.value = true;
    try {
      const created = await opts.api.post<TicketDetail>("/tickets", parsed.value);
      [error.value, fields.value] = [null, {}];
      opts.onCreated(created);
    } catch (err) {
      const e = toUiError(err);
      [error.value, fields.value] = [e, fieldErrorsOf(e)];
    } finally {
      busy.value = false;
    }
  }

  return {
    context,
    directory,
    title,
    category,
    priority,
    department,
    assigneeId,
    orderId,
    description,
    notifyCustomer,
    busy,
    error,
    fields,
    orders,
    submit,
    setPriority(p: TicketPriority) {
      priorityTouched = true;
      priority.value = p;
    },
  };
});
export type TicketCreateModel = InstanceType<typeof TicketCreateModel>;
