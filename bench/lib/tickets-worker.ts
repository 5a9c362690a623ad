/**
 * The Worker `npm run bench:tickets` bundles and runs in workerd: seeds one big shop's year of
 * tickets (and a few smaller shops, and the sessions the service report counts) with a handful of
 * SQL statements, then answers each request with the product's own ticket code: listTickets,
 * getTicket, createTicket, actOnTicket, the repos' insertTicket and applyTicketChange, the cron's
 * overdue log, and serviceReport. `/explain/<path>` runs a request over a D1 that records its statements, then
 * answers with SQLite's EXPLAIN QUERY PLAN of each.
 */
import { ticketDueAt } from "../../core/domain/tickets";
import type { AnalyticsQuery } from "../../core/protocol/analytics";
import type { TicketCreateBody, TicketListQuery } from "../../core/protocol/tickets";
import { database, type Database } from "../../worker/db/client";
import { applyTicketChange, findTicketRow, insertTicket, type NewTicket } from "../../worker/db/repos/tickets";
import { serviceReport } from "../../worker/services/analytics";
import type { StaffIdentity } from "../../worker/services/identity";
import { actOnTicket } from "../../worker/services/tickets/actions";
import { recordOverdueTickets } from "../../worker/services/tickets/overdue";
import { createTicket, newTicketId } from "../../worker/services/tickets/create";
import type { TicketEnv } from "../../worker/services/tickets/notify";
import { getTicket, listTickets } from "../../worker/services/tickets/read";
import { explainAll, recordingD1, type Recorded } from "./explain";

/** The bench's "now". */
const BENCH_NOW = Date.parse("2026-11-20T12:00:00+08:00");
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** How far back the tickets go. */
const SPAN_MS = 365 * DAY_MS;
const BIG = "big";
/** A shop with the big shop's sessions and no tickets: the report without its ticket part. */
const TWIN = "twin";
const OTHER_SHOPS = 9;
const CUSTOMERS = 20_000;
const AGENTS = 40;
const DEPARTMENTS = ["presale", "aftersale", "logistics", "refund", "complaint"] as const;

/** The big shop's ticket ids: `tkt_b` and 8 digits (`i` from 0, in creation order). */
const bigTicketId = (i: number) => `tkt_b${String(i).padStart(8, "0")}`;

const agent: StaffIdentity = { kind: "staff", staffId: "agent0", shopId: BIG, role: "shop_agent", name: "客服0", sessionId: "bench" };
const platform: StaffIdentity = { kind: "staff", staffId: "padmin", shopId: "platform", role: "platform_admin", name: "平台", sessionId: "bench" };
// Nothing the bench does reaches a room or the metrics (no shopper is told; no ticket is resolved).
const ticketEnv = { METRICS: undefined, ConversationRoom: undefined } as unknown as TicketEnv;

/**
 * One shop's (or, with `shopExpr` over `i`, several shops') tickets, `n` of them spread evenly over
 * the year before now, in creation order. Status mix: of those created in the last 3 days 80%
 * still active, of the 27 days before 15%, of the older ones 1 in 149 (stuck, pending); the rest
 * resolved or closed (older: 90% closed). Priorities 5% urgent, 15% high, 65% normal, 15% low,
 * due at creation + the priority's SLA; resolution within 0-96 h of creation.
 */
function ticketsSql(n: number, shopExpr: string, numberExpr: string, idPrefix: string): string {
  // Numbers written into the SQL, not bound: D1 binds a JS number as a REAL, and times must stay integers.
  const [n1, now, span] = [Math.trunc(n), BENCH_NOW, SPAN_MS];
  const base = `CASE i % 8 WHEN 0 THEN '退款一直未到账' WHEN 1 THEN '申请退货商家未处理' WHEN 2 THEN '尺码不合适需要换货' WHEN 3 THEN '快递三天没有更新物流'
    WHEN 4 THEN '收到的商品有破损' WHEN 5 THEN '投诉客服态度' WHEN 6 THEN '需要开具增值税发票' ELSE '咨询活动规则' END`;
  const category = `CASE i % 8 WHEN 0 THEN 'refund' WHEN 1 THEN 'return' WHEN 2 THEN 'exchange' WHEN 3 THEN 'logistics' WHEN 4 THEN 'quality' WHEN 5 THEN 'complaint' WHEN 6 THEN 'invoice' ELSE 'other' END`;
  const status = `CASE
      WHEN t >= ${now} - 3 * ${DAY_MS} AND i % 10 < 8 THEN CASE i % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress' ELSE 'pending' END
      WHEN t >= ${now} - 30 * ${DAY_MS} AND t < ${now} - 3 * ${DAY_MS} AND i % 20 < 3 THEN CASE i % 3 WHEN 0 THEN 'open' WHEN 1 THEN 'in_progress' ELSE 'pending' END
      WHEN t < ${now} - 30 * ${DAY_MS} AND i % 149 = 0 THEN 'pending'
      WHEN t >= ${now} - 30 * ${DAY_MS} THEN CASE WHEN i % 2 = 0 THEN 'resolved' ELSE 'closed' END
      WHEN i % 10 = 9 THEN 'resolved' ELSE 'closed' END`;
  const priority = `CASE WHEN i % 20 = 0 THEN 'urgent' WHEN i % 20 < 4 THEN 'high' WHEN i % 20 >= 17 THEN 'low' ELSE 'normal' END`;
  const sla = `CASE WHEN i % 20 = 0 THEN ${4 * HOUR_MS} WHEN i % 20 < 4 THEN ${24 * HOUR_MS} WHEN i % 20 >= 17 THEN ${72 * HOUR_MS} ELSE ${48 * HOUR_MS} END`;
  return `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n1} - 1),
      g AS (SELECT i, t, ${status} AS status, min(t + (i * 7919) % ${96 * HOUR_MS}, ${now} - 60000) AS r FROM (SELECT i, ${now} - ${span} + (i * ${span}) / ${n1} AS t FROM k))
    INSERT INTO tickets (id, shop_id, number, thread_id, customer_id, session_id, order_id, leave_message_id, title, description, category, priority, status,
      department, assignee_id, created_by, created_by_name, created_at, updated_at, due_at, resolved_at, closed_at, shown_to_customer)
    SELECT '${idPrefix}' || printf('%08d', i), ${shopExpr}, ${numberExpr}, ${shopExpr} || ':c' || (i * 13 % ${CUSTOMERS}), 'c' || (i * 13 % ${CUSTOMERS}), NULL,
      'o' || (202600000000 + i * 7), NULL,
      ${base} || '（订单 ' || (202600000000 + i * 7) || '）',
      '顾客反馈：' || ${base} || '。已核对订单 ' || (202600000000 + i * 7) || '，请相关部门跟进，处理后回复顾客并更新工单。',
      ${category}, ${priority}, status,
      CASE i % 6 ${DEPARTMENTS.map((d, j) => `WHEN ${j + 1} THEN '${d}'`).join(" ")} ELSE NULL END,
      CASE WHEN status = 'open' OR i % 13 = 0 THEN NULL ELSE 'agent' || (i % ${AGENTS}) END,
      'agent' || (i % ${AGENTS}), '客服' || (i % ${AGENTS}), t,
      CASE status WHEN 'closed' THEN min(r + 3 * ${DAY_MS}, ${now} - 1000) WHEN 'resolved' THEN r ELSE min(t + (i % 48) * 600000, ${now} - 1000) END,
      t + ${sla},
      CASE WHEN status IN ('resolved', 'closed') THEN r END,
      CASE WHEN status = 'closed' THEN min(r + 3 * ${DAY_MS}, ${now} - 1000) END,
      i % 2
    FROM g`;
}

/**
 * Three events a ticket (a real one has ~20 over its life; three keep the seed quick): created;
 * assigned (or, unassigned, an internal comment); the status it is in now (or a comment, for a
 * ticket still open). Ids in creation order.
 */
const EVENTS_SQL = `INSERT INTO ticket_events (ticket_id, shop_id, at, actor_id, actor_name, kind, text, from_value, to_value)
  SELECT id, shop_id,
    CASE k WHEN 0 THEN created_at WHEN 1 THEN created_at + 60000 ELSE updated_at END,
    created_by, created_by_name,
    CASE WHEN k = 0 THEN 'created' WHEN k = 1 AND assignee_id IS NOT NULL THEN 'assign' WHEN k = 2 AND status <> 'open' THEN 'status' ELSE 'comment' END,
    CASE WHEN (k = 1 AND assignee_id IS NULL) OR (k = 2 AND status = 'open') THEN '已联系顾客，等待回复' END,
    CASE WHEN k = 2 AND status <> 'open' THEN 'open' END,
    CASE WHEN k = 0 THEN 'open' WHEN k = 1 THEN assignee_id WHEN status <> 'open' THEN status END
  FROM tickets, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2)
  ORDER BY created_at, id, k`;

/** `perDay` sessions a day of each of the big shop and its twin over `days` days (bench/lib/analytics-worker.ts's mix). */
const sessionsSql = (n1: number, start: number, span: number) => `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${n1} - 1)
  INSERT INTO sessions (id, shop_id, customer_id, thread_id, channel, topic, status, opened_at, handed_off_at, assigned_at, agent_id,
    first_response_at, last_message_at, resolved_at, resolved_by, close_reason, customer_messages, agent_messages, bot_messages, rating, rated_at, updated_at)
  SELECT 's' || i, CASE WHEN i % 2 = 0 THEN '${BIG}' ELSE '${TWIN}' END, 'c' || (i / 2 % ${CUSTOMERS}), 'x:c' || i,
    CASE i % 4 WHEN 0 THEN 'app' WHEN 1 THEN 'h5' WHEN 2 THEN 'miniprogram' ELSE 'pc' END,
    CASE i / 2 % 7 WHEN 0 THEN 'logistics' WHEN 1 THEN 'after_sales' WHEN 2 THEN 'pre_sales' WHEN 3 THEN 'payment' WHEN 4 THEN 'account' WHEN 5 THEN 'other' ELSE NULL END,
    'resolved', t, h, CASE WHEN h IS NULL THEN NULL ELSE h + 20000 END, CASE WHEN h IS NULL THEN NULL ELSE 'agent' || (i / 2 % ${AGENTS}) END,
    CASE WHEN h IS NULL THEN NULL ELSE h + 20000 + (i / 2 % 90) * 1000 END, t + 600000, t + 900000, 'system', CASE WHEN h IS NULL THEN 'idle' ELSE 'resolved' END,
    3, CASE WHEN h IS NULL THEN 0 ELSE 4 END, 2, CASE WHEN h IS NOT NULL AND i / 2 % 3 = 0 THEN 1 + (i / 2 % 5) END, NULL, t
  FROM (SELECT i, t, CASE WHEN i / 2 % 10 < 3 THEN t + 60000 END AS h FROM (SELECT i, ${start} + (i / 2 * ${span}) / (${n1} / 2) AS t FROM k))`;

async function seed(d1: D1Database, tickets: number, others: number, sessionsPerDay: number, days: number): Promise<Record<string, number>> {
  const shops = [BIG, TWIN, ...Array.from({ length: OTHER_SHOPS }, (_, j) => `shop${j}`)];
  const run = (sql: string, ...params: unknown[]) => d1.prepare(sql).bind(...params).run();
  await d1.batch([
    ...shops.map((s) => d1.prepare(`INSERT INTO shops (id, name, name_en, category, created_at) VALUES (?1, ?1, ?1, 'apparel', 0)`).bind(s)),
    ...shops.flatMap((s) => DEPARTMENTS.map((d) => d1.prepare(`INSERT INTO skill_groups (id, shop_id, key, name, name_en) VALUES (?1 || '-' || ?2, ?1, ?2, '部门' || ?2, ?2)`).bind(s, d))),
    d1.prepare(`INSERT INTO staff (id, shop_id, email, name, role, password_hash, created_at) VALUES ('padmin', 'platform', 'padmin@bench', '平台', 'platform_admin', 'x', 0)`),
  ]);
  await run(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${AGENTS} - 1)
    INSERT INTO staff (id, shop_id, email, name, role, password_hash, created_at) SELECT 'agent' || i, '${BIG}', 'agent' || i || '@bench', '客服' || i, 'shop_agent', 'x', 0 FROM k`);
  await run(`WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${CUSTOMERS} - 1)
    INSERT INTO customers (id, name, level, created_at, updated_at) SELECT 'c' || i, '顾客' || i, CASE WHEN i % 10 = 0 THEN 'vip' ELSE 'normal' END, 0, 0 FROM k`);
  await run(ticketsSql(tickets, `'${BIG}'`, "i + 1", "tkt_b"));
  if (others > 0) await run(ticketsSql(others, `'shop' || (i % ${OTHER_SHOPS})`, `i / ${OTHER_SHOPS} + 1`, "tkt_o"));
  await run(EVENTS_SQL);
  if (sessionsPerDay > 0) await run(sessionsSql(Math.trunc(sessionsPerDay * days) * 2, BENCH_NOW - days * DAY_MS, days * DAY_MS));
  const one = async (sql: string, ...params: unknown[]) => Number((await d1.prepare(sql).bind(...params).first<{ n: number }>())!.n);
  const active = `status IN ('open', 'in_progress', 'pending')`;
  return {
    tickets: await one(`SELECT count(*) AS n FROM tickets`),
    big: await one(`SELECT count(*) AS n FROM tickets WHERE shop_id = ?`, BIG),
    big_active: await one(`SELECT count(*) AS n FROM tickets WHERE shop_id = ? AND ${active}`, BIG),
    big_overdue: await one(`SELECT count(*) AS n FROM tickets WHERE shop_id = ? AND ${active} AND due_at < ?`, BIG, BENCH_NOW),
    big_mine_active: await one(`SELECT count(*) AS n FROM tickets WHERE shop_id = ? AND assignee_id = 'agent0' AND ${active}`, BIG),
    big_last_30_days: await one(`SELECT count(*) AS n FROM tickets WHERE shop_id = ? AND created_at >= ?`, BIG, BENCH_NOW - 30 * DAY_MS),
    events: await one(`SELECT count(*) AS n FROM ticket_events`),
    sessions: await one(`SELECT count(*) AS n FROM sessions`),
  };
}

let serial = 0;

/** Answers one bench request over `db`. */
async function handle(url: URL, db: Database, d1: D1Database, env: { DB: D1Database }): Promise<Response> {
  const p = (k: string) => url.searchParams.get(k);
  const n = (k: string) => Number(p(k));
  const k = serial++;
  const pick = () => bigTicketId((k * 7919) % n("tickets"));
  const path = url.pathname.replace(/^\/explain/, "");
  switch (path) {
    case "/seed":
      return Response.json(await seed(env.DB, n("tickets"), n("others"), n("sessionsPerDay"), n("days")));
    case "/deep-cursor": {
      // The list's own order (status=all: most recently changed first), `offset` tickets in.
      const row = await d1.prepare(`SELECT updated_at, number, id FROM tickets WHERE shop_id = ? ORDER BY updated_at DESC, number DESC, id DESC LIMIT 1 OFFSET ${Math.trunc(n("offset"))}`).bind(BIG).first<{ updated_at: number; number: number; id: string }>();
      return new Response(`updated.${row!.updated_at}.${row!.number}.${row!.id}`);
    }
    case "/list": {
      const q = { status: p("view") ?? "active" } as TicketListQuery;
      for (const key of ["q", "cursor", "assignee", "overdue"] as const) if (p(key) !== null) q[key] = p(key)! as never;
      const page = await listTickets(db, p("as") === "platform" ? platform : agent, q, BENCH_NOW);
      return Response.json(page);
    }
    case "/detail":
      return Response.json(await getTicket(db, agent, pick(), BENCH_NOW));
    case "/report":
      return Response.json(await serviceReport(db, { shopId: p("shop") ?? BIG }, { days: n("days") } as AnalyticsQuery, BENCH_NOW));
    case "/create": {
      const body: TicketCreateBody = {
        threadId: `${BIG}:c${k % CUSTOMERS}`, title: `基准测试工单 ${k}`, description: "顾客反馈的问题需要售后跟进。", category: "refund", priority: "normal",
        department: "refund", assigneeId: null, notifyCustomer: false,
      };
      return Response.json(await createTicket(ticketEnv, db, agent, body, BENCH_NOW + k));
    }
    case "/insert": {
      // The repo's numbered INSERT and its `created` event alone (one batch), without the service's checks and re-read.
      const now = BENCH_NOW + k;
      const row: NewTicket = {
        id: newTicketId(), shopId: BIG, threadId: `${BIG}:c${k % CUSTOMERS}`, customerId: `c${k % CUSTOMERS}`, sessionId: null, orderId: null, leaveMessageId: null,
        title: `基准测试工单 ${k}`, description: "", category: "refund", priority: "normal", status: "open", department: null, assigneeId: null,
        createdBy: agent.staffId, createdByName: agent.name, createdAt: now, updatedAt: now, dueAt: ticketDueAt(now, "normal"), resolvedAt: null, closedAt: null, shownToCustomer: false,
      };
      const eventId = await insertTicket(db, row, { at: now, actorId: agent.staffId, actorName: agent.name, kind: "created", text: null, fromValue: null, toValue: "open" }, null);
      return Response.json({ eventId });
    }
    case "/act":
      // An internal comment on a ticket (any status takes one): read, one guarded batch, the detail re-read.
      return Response.json(await actOnTicket(ticketEnv, db, agent, pick(), { type: "comment", text: "已联系快递公司核实，等待回复。", toCustomer: false }, BENCH_NOW + k));
    case "/apply": {
      // The repo's guarded batch alone (after reading the row for its `updated_at`).
      const t = (await findTicketRow(db, BIG, pick()))!;
      const now = Math.max(BENCH_NOW + k, t.updatedAt + 1);
      const ids = await applyTicketChange(db, t, t.updatedAt, now, {}, [{ at: now, actorId: agent.staffId, actorName: agent.name, kind: "comment", text: "跟进中", fromValue: null, toValue: null }]);
      return Response.json({ ids });
    }
    case "/overdue-log":
      // The cron's overdue step: its warm-up run logs what fell due in the last day; each run after
      // that is the steady state (every candidate logged already).
      return Response.json({ logged: await recordOverdueTickets(db, BENCH_NOW) });
    default:
      return new Response("noop");
  }
}

export default {
  async fetch(req: Request, env: { DB: D1Database }): Promise<Response> {
    const url = new URL(req.url);
    if (!url.pathname.startsWith("/explain/")) return handle(url, database(env.DB), env.DB, env);
    const log: Recorded[] = [];
    const d1 = recordingD1(env.DB, log);
    const res = await handle(url, database(d1), env.DB, env);
    await res.arrayBuffer();
    const plans = await explainAll(env.DB, log);
    return Response.json(plans);
  },
};
