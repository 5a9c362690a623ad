/**
 * The Worker `npm run bench:context` bundles and runs in workerd: the context service against
 * the D1 binding, one load per request, so the timing is D1 plus our code, not a Node proxy.
 */
import { database } from "../../worker/db/client";
import { loadThreadContext } from "../../worker/services/context/load";
import { resolveForThread } from "../../worker/services/context/resolve";
import type { ContextScope } from "../../worker/services/context/types";
import { BENCH_CUSTOMER, BENCH_NOW, seedBench } from "./context-seed";

const shopScope: ContextScope = { threadId: `apparel:${BENCH_CUSTOMER}`, customerId: BENCH_CUSTOMER, shopId: "apparel", shops: "apparel" };
const allScope: ContextScope = { ...shopScope, shops: null };

export default {
  async fetch(req: Request, env: { DB: D1Database }): Promise<Response> {
    const url = new URL(req.url);
    const db = database(env.DB);
    const n = (k: string) => Number(url.searchParams.get(k));
    switch (url.pathname) {
      case "/seed":
        await seedBench(db, { orders: n("orders"), browsing: n("browsing"), others: n("others") });
        return new Response("ok");
      case "/context/shop":
        return Response.json(await loadThreadContext(db, shopScope, { type: "order", id: `o-${BENCH_CUSTOMER}-0` }));
      case "/context/all":
        return Response.json(await loadThreadContext(db, allScope));
      case "/resolve":
        return Response.json(await resolveForThread(db, shopScope, { message: "我昨天买的衣服到哪了", now: BENCH_NOW }));
      default:
        return new Response("noop");
    }
  },
};
