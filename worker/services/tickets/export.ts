/**
 * 工单 as a CSV file (`GET /api/tickets/export`): every ticket a list's view and filters match, in
 * the list's order, with the same tenancy; times in the shop's zone (every shop's: the platform's).
 */
import { DEFAULT_TIME_ZONE } from "../../../core/domain/routing";
import { localDateTime } from "../../../core/domain/analytics/export";
import { ticketsTable } from "../../../core/domain/ticket-export";
import type { TicketExportQuery } from "../../../core/protocol/tickets";
import type { Database } from "../../db/client";
import { loadTicketRows } from "../../db/repos/ticket-reads";
import { toCsv } from "../../lib/csv";
import type { Identity } from "../identity";
import { shopRouting } from "../routing-config";
import { ticketFilter, ticketListOrder } from "./read";
import { toTicket } from "./shape";

/** Rows of one file, as for the sessions export; a longer list is cut (and says so). */
export const TICKET_EXPORT_LIMIT = 50_000;

/** The CSV of the tickets the query matches for this caller, with the name to save it under. */
export async function exportTickets(db: Database, identity: Identity, q: TicketExportQuery, now: number, limit = TICKET_EXPORT_LIMIT): Promise<{ filename: string; csv: string; truncated: boolean }> {
  const filter = ticketFilter(identity, q, now);
  const [rows, timeZone] = await Promise.all([
    loadTicketRows(db, filter, ticketListOrder(q.status), limit + 1),
    filter.shopId === null ? DEFAULT_TIME_ZONE : shopRouting(db, filter.shopId, now).then((r) => r.hours.timeZone),
  ]);
  const table = ticketsTable(rows.slice(0, limit).map((r) => toTicket(r, now)), timeZone, q.lang);
  const day = localDateTime(now, timeZone).slice(0, 10);
  return { filename: `kefu-${filter.shopId ?? "all"}-tickets-${q.status}-${day}.csv`, csv: toCsv(table.fields, table.rows), truncated: rows.length > limit };
}
