/**
 * The Worker `npm run bench:kb` bundles and runs in workerd: the knowledge import and
 * `searchKnowledge` (the bot's own call) against the D1 binding, so a search is timed where it
 * runs, next to D1, rather than in Node through a proxy.
 *
 *   POST /migrate         statements (JSON array of SQL) run as one batch: the migrations
 *   POST /import?shop=S   one chunk of article rows (JSON array), through the import service
 *   GET  /search?q=&shop=&now=[&cold=1]
 *                         the hits as JSON, with a Server-Timing header: `service` is
 *                         performance.now() around searchKnowledge, `json` the serialisation, and
 *                         the search's own breakdown (timing.ts); `cold=1` empties the isolate's
 *                         search caches first, outside the timed span
 *   GET  /select1         `SELECT 1` through the D1 binding, timed like a search: a D1 statement's own floor
 *   GET  /noop            an empty answer: the harness's own cost
 *
 * Clock: local workerd advances performance.now() in whole milliseconds, during computation too;
 * production workerd advances it only when I/O completes (see worker/services/knowledge/timing.ts).
 */
import { importArticles } from "../../worker/services/knowledge/import";
import { clearSearchCaches, searchKnowledge } from "../../worker/services/knowledge/search";
import { newTiming, serverTiming } from "../../worker/services/knowledge/timing";

interface Env {
  DB: D1Database;
}

async function search(url: URL, env: Env): Promise<Response> {
  const p = url.searchParams;
  if (p.get("cold") === "1") clearSearchCaches();
  const timing = newTiming();
  const t0 = performance.now();
  const result = await searchKnowledge(env, { shopId: p.get("shop") ?? "", query: p.get("q") ?? "", now: Number(p.get("now")), limit: 5 }, timing);
  const t1 = performance.now();
  const body = JSON.stringify(result);
  const t2 = performance.now();
  return new Response(body, {
    headers: { "content-type": "application/json", "server-timing": `service;dur=${t1 - t0}, json;dur=${t2 - t1}, ${serverTiming(timing)}` },
  });
}

export default {
  async fetch(req: Request, env: Env): Promise<Response> {
    const url = new URL(req.url);
    switch (url.pathname) {
      case "/migrate": {
        const statements = (await req.json()) as string[];
        await env.DB.batch(statements.map((sql) => env.DB.prepare(sql)));
        return new Response("{}");
      }
      case "/import": {
        const now = Number(url.searchParams.get("now"));
        const rows = (await req.json()) as unknown[];
        const result = await importArticles(env, url.searchParams.get("shop") ?? "", rows, { firstRow: Number(url.searchParams.get("firstRow") ?? 1), dryRun: false, author: { by: "bench", now } });
        return Response.json(result, { status: result.failed ? 500 : 200 });
      }
      case "/search":
        return search(url, env);
      case "/select1": {
        const t0 = performance.now();
        await env.DB.prepare("SELECT 1").all();
        return new Response("{}", { headers: { "content-type": "application/json", "server-timing": `service;dur=${performance.now() - t0}` } });
      }
      default:
        return new Response("{}", { headers: { "content-type": "application/json" } });
    }
  },
};
