/**
 * The Worker `npm run bench:analytics` bundles and runs in workerd: seeds sessions with one SQL
 * statement, then answers the service report (the product's own service code) once per request.
 */
import { database } from "../../worker/db/client";
import { serviceReport } from "../../worker/services/analytics";

const BENCH_NOW = Date.parse("2026-11-20T12:00:00+08:00");
const DAY_MS = 86_400_000;

export default {
  async fetch(req: Request, env: { DB: D1Database }): Promise<Response> {
    const url = new URL(req.url);
    const db = database(env.DB);
    const n = (k: string) => Number(url.searchParams.get(k));
    switch (url.pathname) {
      case "/seed": {
        // `perDay` sessions a day of the big shop over `days` days, and as many again spread over
        // nine other shops: 70% served by the bot alone, the rest handed off, answered, resolved,
        // a third of those rated; topics and channels in rotation.
        const total = n("perDay") * n("days") * 2;
        const start = BENCH_NOW - n("days") * DAY_MS;
        const span = n("days") * DAY_MS;
        await env.DB.prepare(`INSERT INTO shops (id, name, name_en, category, created_at) VALUES ('big', 'big', 'big', 'apparel', 0)`).run();
        await env.DB.prepare(
          `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ?1 - 1)
           INSERT INTO sessions (id, shop_id, customer_id, thread_id, channel, topic, status, opened_at, handed_off_at, assigned_at, agent_id,
             first_response_at, last_message_at, resolved_at, resolved_by, close_reason, customer_messages, agent_messages, bot_messages, rating, rated_at, updated_at)
           SELECT 'b' || i, CASE WHEN i % 2 = 0 THEN 'big' ELSE 'other' || (i % 9) END, 'c' || (i % 50000), 'x:c' || i,
             CASE i % 4 WHEN 0 THEN 'app' WHEN 1 THEN 'h5' WHEN 2 THEN 'miniprogram' ELSE 'pc' END,
             CASE i % 7 WHEN 0 THEN 'logistics' WHEN 1 THEN 'after_sales' WHEN 2 THEN 'pre_sales' WHEN 3 THEN 'payment' WHEN 4 THEN 'account' WHEN 5 THEN 'other' ELSE NULL END,
             'resolved', t, h, CASE WHEN h IS NULL THEN NULL ELSE h + 20000 END, CASE WHEN h IS NULL THEN NULL ELSE 'agent' || (i % 40) END,
             CASE WHEN h IS NULL THEN NULL ELSE h + 20000 + (i % 90) * 1000 END, t + 600000, t + 900000, 'system', CASE WHEN h IS NULL THEN 'idle' ELSE 'resolved' END,
             3, CASE WHEN h IS NULL THEN 0 ELSE 4 END, 2, CASE WHEN h IS NOT NULL AND i % 3 = 0 THEN 1 + (i % 5) END, NULL, t
           FROM (SELECT i, ?2 + (i * ?3) / ?1 AS t, CASE WHEN i % 10 < 3 THEN ?2 + (i * ?3) / ?1 + 60000 END AS h FROM k)`,
        )
          .bind(total, start, span)
          .run();
        return new Response(String(total));
      }
      case "/report": {
        const days = n("days");
        const scope = url.searchParams.get("shop") === "all" ? ("all" as const) : { shopId: "big" };
        return Response.json(await serviceReport(db, scope, { days }, BENCH_NOW));
      }
      default:
        return new Response("noop");
    }
  },
};
