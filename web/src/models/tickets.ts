/**
 * 工单: the list of a shop's tickets (platform staff: one shop or all) by status view, with the
 * quick filters (mine, unassigned, overdue), department, customer and search; the counts per
 * status; paging by cursor; the list as a CSV file (导出); and the ticket open beside the list
 * (its own model, per ticket).
 */
import { computed, createModel, effect, signal, untracked, type ReadonlySignal } from "@preact/signals";
import { PLATFORM_SHOP_ID } from "../../../core/protocol";
import type { Ticket, TicketPage, TICKET_VIEWS } from "../../../core/protocol/tickets";
import type { ApiClient } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { downloadBlob } from "../common/download";
import { toUiError } from "../common/field-errors";
import { lang } from "../common/i18n";
import type { UiError } from "./conversation-state";
import { TicketDetailModel } from "./ticket-detail";
import type { DirectoryLoader, TicketDirectory } from "./ticket-directory";

export type TicketView = (typeof TICKET_VIEWS)[number];
/** The quick filters: mine, nobody's, or anyone's. */
export type AssigneeFilter = "" | "me" | "none";

const SEARCH_SETTLE_MS = 350;
const REFRESH_MS = 60_000;

export interface TicketsOptions {
  api: ApiClient;
  staff: StaffProfile;
  active: ReadonlySignal<boolean>;
  shops: ReadonlySignal<ShopInfo[]>;
  directory: DirectoryLoader;
  /** The ticket a link or a reload opened the page on. */
  initialId: string | null;
  /** The open ticket changed (or closed): keep the URL in step. */
  onSelect: (ticketId: string | null) => void;
  /** Something was done to a ticket here (the nav badge asks again). */
  onChanged?: (ticket: Ticket) => void;
}

export const TicketsModel = createModel((opts: TicketsOptions) => {
  const canPickShop = computed(() => opts.staff.shopId === PLATFORM_SHOP_ID);
  /** Platform staff start on every shop at once (""). */
  const shopId = signal(canPickShop.peek() ? "" : opts.staff.shopId);
  const view = signal<TicketView>("active");
  const assignee = signal<AssigneeFilter>("");
  const overdue = signal(false);
  const department = signal("");
  /** One customer's tickets only (from a ticket's 该顾客的全部工单). */
  const customer = signal<{ id: string; name: string } | null>(null);
  /** What is typed, and what the list was asked for once typing settled. */
  const search = signal("");
  const q = signal("");
  const tickets = signal<readonly Ticket[]>([]);
  const counts = signal<TicketPage["counts"] | null>(null);
  const next = signal<string | null>(null);
  const loading = signal(false);
  const loadingMore = signal(false);
  const error = signal<UiError | null>(null);
  const selectedId = signal<string | null>(opts.initialId);
  const detail = signal<TicketDetailModel | null>(null);
  /** Departments of the listed shop, for the filter (none while every shop is listed). */
  const listDirectory = signal<TicketDirectory | null>(null);
  const exporting = signal(false);

  function query(cursor: string | null): string {
    const p = new URLSearchParams({ status: view.peek() });
    if (canPickShop.peek() && shopId.peek()) p.set("shop", shopId.peek());
    if (assignee.peek()) p.set("assignee", assignee.peek());
    if (overdue.peek()) p.set("overdue", "true");
    if (department.peek()) p.set("department", department.peek());
    if (customer.peek()) p.set("customer", customer.peek()!.id);
    if (q.peek()) p.set("q", q.peek());
    if (cursor) p.set("cursor", cursor);
    return p.toString();
  }

  let generation = 0;
  /** The first page again (filters changed, or something was done to a ticket). */
  async function load() {
    const mine = ++generation;
    loading.value = true;
    try {
      const page = await opts.api.get<TicketPage>(`/tickets?${query(null)}`);
      if (mine !== generation) return;
      [tickets.value, counts.value, next.value, error.value] = [page.tickets, page.counts, page.next, null];
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  async function more() {
    const cursor = next.peek();
    if (!cursor || loadingMore.peek()) return;
    const mine = generation;
    loadingMore.value = true;
    try {
      const page = await opts.api.get<TicketPage>(`/tickets?${query(cursor)}`);
      if (mine !== generation) return;
      const seen = new Set(tickets.peek().map((t) => t.id));
      [tickets.value, next.value] = [[...tickets.peek(), ...page.tickets.filter((t) => !seen.has(t.id))], page.next];
    } catch (err) {
      if (mine === generation) error.value = toUiError(err);
    } finally {
      loadingMore.value = false;
    }
  }

  effect(() => {
    void [shopId.value, view.value, assignee.value, overdue.value, department.value, customer.value, q.value];
    if (!opts.active.value) return;
    void untracked(load);
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  });

  effect(() => {
    const text = search.value.trim();
    const timer = setTimeout(() => (q.value = text), SEARCH_SETTLE_MS);
    return () => clearTimeout(timer);
  });

  effect(() => {
    const shop = shopId.value;
    listDirectory.value = null;
    if (!shop || !opts.active.value) return;
    let live = true;
    opts.directory(shop).then((d) => live && (listDirectory.value = d), () => undefined);
    return () => void (live = false);
  });

  /** The list as it is filtered now, every page of it, as a CSV file in the page's language. */
  async function exportCsv() {
    if (exporting.peek()) return;
    exporting.value = true;
    try {
      const p = new URLSearchParams(query(null));
      p.set("lang", lang.peek());
      const blob = await opts.api.blob(`/tickets/export?${p}`);
      const d = new Date();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      downloadBlob(blob, `kefu-${shopId.peek() || "all"}-tickets-${view.peek()}-${day}.csv`);
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      exporting.value = false;
    }
  }

  /** A changed ticket replaces its row, and the counts (and the view's membership) are asked again. */
  function changed(t: Ticket) {
    tickets.value = tickets.peek().map((row) => (row.id === t.id ? t : row));
    void load();
    opts.onChanged?.(t);
  }

  effect(() => {
    const id = selectedId.value;
    if (!id || !opts.active.value) return;
    const model = untracked(() => new TicketDetailModel({ api: opts.api, ticketId: id, directory: opts.directory, onChanged: changed }));
    detail.value = model;
    return () => {
      detail.value = null;
      model[Symbol.dispose]();
    };
  });

  return {
    canPickShop,
    shops: opts.shops,
    shopId,
    view,
    assignee,
    overdue,
    department,
    customer,
    search,
    tickets,
    counts,
    next,
    loading,
    loadingMore,
    error,
    selectedId,
    detail,
    listDirectory,
    exporting,
    load,
    more,
    exportCsv,
    setShop(id: string) {
      department.value = "";
      shopId.value = id;
    },
    /** Opens a ticket beside the list (null: none). */
    select(id: string | null) {
      selectedId.value = id;
      opts.onSelect(id);
    },
    /** The 工单 page's hash named a ticket (a link, back or forward). */
    show(id: string | null) {
      selectedId.value = id;
    },
    /** Every ticket of one customer, in any status. */
    byCustomer(who: { id: string; name: string }) {
      customer.value = who;
      view.value = "all";
    },
  };
});
export type TicketsModel = InstanceType<typeof TicketsModel>;
