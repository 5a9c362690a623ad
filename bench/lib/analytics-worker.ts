/**
 * The Worker `npm run bench:analytics` bundles and runs in workerd: seeds sessions with one SQL
 * statement (and 质检 reviews of a tenth of the agents' ones, a hundredth of those appealed), then answers the service report or
 * the 质检 list (the product's own service code) once per request,
 * runs the cron's roll-up step, or rolls up one day. `/explain/<path>` runs a request over a D1
 * that records its statements, then answers with SQLite's EXPLAIN QUERY PLAN of each.
 */
import { rangeInstants, lastDays } from "../../core/domain/analytics/report";
import { closedWholeDays, utcDay } from "../../core/domain/analytics/rollup";
import { DEFAULT_TIME_ZONE } from "../../core/domain/routing";
import { database, type Database } from "../../worker/db/client";
import { ALL_SHOPS, rollupState, rollUpAllShopsDay, rollUpShopDay } from "../../worker/db/repos/report-rollups";
import { rollUpReportDays } from "../../worker/services/analytics-rollup";
import { serviceReport } from "../../worker/services/analytics";
import { qualityList } from "../../worker/services/quality";
import type { StaffIdentity } from "../../worker/services/identity";
import { QualityListQuery } from "../../core/protocol/quality";
import * as v from "valibot";
import { explainAll, recordingD1, type Recorded } from "./explain";

const BENCH_NOW = Date.parse("2026-11-20T12:00:00+08:00");
const DAY_MS = 86_400_000;

async function handle(url: URL, db: Database, env: { DB: D1Database }): Promise<Response> {
  const n = (k: string) => Number(url.searchParams.get(k));
  switch (url.pathname.replace(/^\/explain/, "")) {
    case "/seed": {
      // `perDay` sessions a day of the big shop over `days` days, and `othersPerDay` more spread
      // over `shops - 1` other shops (each with 5 agents of its own), evenly interleaved: 70%
      // served by the bot alone, the rest handed off, answered, resolved, a third of those rated
      // (a third of the ratings with a comment); topics and channels in rotation. Written when opened (updated_at = opened_at).
      const perDay = n("perDay");
      const total = (perDay + n("othersPerDay")) * n("days");
      const start = BENCH_NOW - n("days") * DAY_MS;
      const span = n("days") * DAY_MS;
      await env.DB.prepare(`INSERT INTO shops (id, name, name_en, category, created_at) VALUES ('big', 'big', 'big', 'apparel', 0)`).run();
      await env.DB.prepare(
        // Bound numbers arrive as REALs: cast, so the arithmetic stays integer.
        `WITH RECURSIVE p(total, start, span, big, every, others) AS (SELECT CAST(?1 AS INTEGER), CAST(?2 AS INTEGER), CAST(?3 AS INTEGER), CAST(?4 AS INTEGER), CAST(?5 AS INTEGER), CAST(?6 AS INTEGER)),
           k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k, p WHERE i < p.total - 1)
         INSERT INTO sessions (id, shop_id, customer_id, thread_id, channel, topic, status, opened_at, handed_off_at, assigned_at, agent_id,
           first_response_at, last_message_at, resolved_at, resolved_by, close_reason, customer_messages, agent_messages, bot_messages, rating, rated_at, rating_comment, updated_at)
         SELECT 'b' || i, shop, 'c' || (i % 50000), 'x:c' || i,
           CASE i % 4 WHEN 0 THEN 'app' WHEN 1 THEN 'h5' WHEN 2 THEN 'miniprogram' ELSE 'pc' END,
           CASE i % 7 WHEN 0 THEN 'logistics' WHEN 1 THEN 'after_sales' WHEN 2 THEN 'pre_sales' WHEN 3 THEN 'payment' WHEN 4 THEN 'account' WHEN 5 THEN 'other' ELSE NULL END,
           'resolved', t, h, CASE WHEN h IS NULL THEN NULL ELSE h + 20000 END,
           CASE WHEN h IS NULL THEN NULL WHEN shop = 'big' THEN 'agent' || (i % 40) ELSE shop || '-agent' || (i % 5) END,
           CASE WHEN h IS NULL THEN NULL ELSE h + 20000 + (i % 90) * 1000 END, t + 600000, t + 900000, 'system', CASE WHEN h IS NULL THEN 'idle' ELSE 'resolved' END,
           3, CASE WHEN h IS NULL THEN 0 ELSE 4 END, 2, CASE WHEN h IS NOT NULL AND i % 3 = 0 THEN 1 + (i % 5) END,
           CASE WHEN h IS NOT NULL AND i % 3 = 0 THEN t + 900000 END, CASE WHEN h IS NOT NULL AND i % 9 = 0 THEN '评价' || i END, t
         FROM (SELECT i, t, CASE WHEN i % 10 < 3 THEN t + 60000 END AS h,
             -- perDay of every perDay + othersPerDay sessions, spread evenly, are the big shop's; the
             -- rest go round the other shops (i minus the big shop's so far counts them).
             CASE WHEN ((i + 1) * big) / every > (i * big) / every THEN 'big' ELSE 'other' || ((i - ((i + 1) * big) / every) % others) END AS shop
           FROM (SELECT i, start + (i * span) / total AS t, big, every, others FROM k, p))`,
      )
        .bind(total, start, span, perDay, perDay + n("othersPerDay"), Math.max(1, n("shops") - 1))
        .run();
      // 质检: the big shop's admin has reviewed one in ten of the consultations its agents held.
      await env.DB.prepare(
        `INSERT INTO quality_reviews (session_id, shop_id, thread_id, agent_id, reviewer_id, scores, total, comment, created_at, updated_at)
         SELECT id, shop_id, thread_id, agent_id, 'admin', '{"attitude":4,"responsiveness":4,"accuracy":4,"resolution":4,"etiquette":4}', 60 + (rowid % 40), '', opened_at + 86400000, opened_at + 86400000
         FROM sessions WHERE agent_id IS NOT NULL AND rowid % 10 = 0`,
      ).run();
      // One review in a hundred appealed and not yet answered (申诉中).
      await env.DB.prepare(`UPDATE quality_reviews SET appeal_reason = '不认同', appealed_at = updated_at + 3600000, appeal_status = 'open' WHERE rowid % 100 = 0`).run();
      return new Response(String(total));
    }
    case "/quality": {
      // The 质检 list as the big shop's admin (or a platform admin, shop=all) asks for it.
      const all = url.searchParams.get("shop") === "all";
      const admin: StaffIdentity = { kind: "staff", staffId: "admin", shopId: all ? "platform" : "big", role: all ? "platform_admin" : "shop_admin", name: "admin", sessionId: "bench" };
      const query = Object.fromEntries([...url.searchParams].filter(([k]) => k !== "shop"));
      return Response.json(await qualityList(db, admin, v.parse(QualityListQuery, query), BENCH_NOW));
    }
    case "/report": {
      const scope = url.searchParams.get("shop") === "all" ? ("all" as const) : { shopId: "big" };
      return Response.json(await serviceReport(db, scope, { days: n("days") }, BENCH_NOW));
    }
    case "/lookup": {
      // The report's first round trip alone: which of the big shop's days roll-ups may serve.
      const range = lastDays(BENCH_NOW, DEFAULT_TIME_ZONE, n("days"));
      const { start, end } = rangeInstants(range.from, range.to, DEFAULT_TIME_ZONE);
      return Response.json(await rollupState(db, "big", closedWholeDays(start, end, BENCH_NOW)!));
    }
    case "/cron":
      // One run of the cron's roll-up step.
      return Response.json(await rollUpReportDays(db, BENCH_NOW));
    case "/rollup-day": {
      // Yesterday (UTC) of the big shop, or of every shop, rolled up again.
      const day = utcDay(BENCH_NOW) - 1;
      if (url.searchParams.get("scope") === ALL_SHOPS) await rollUpAllShopsDay(db, day, BENCH_NOW);
      else await rollUpShopDay(db, "big", day, BENCH_NOW);
      return new Response("ok");
    }
    default:
      return new Response("noop");
  }
}

export default {
  async fetch(req: Request, env: { DB: D1Database }): Promise<Response> {
    const url = new URL(req.url);
    if (!url.pathname.startsWith("/explain/")) return handle(url, database(env.DB), env);
    const log: Recorded[] = [];
    const res = await handle(url, database(recordingD1(env.DB, log)), env);
    await res.arrayBuffer();
    return Response.json(await explainAll(env.DB, log));
  },
};
