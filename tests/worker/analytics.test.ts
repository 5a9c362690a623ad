import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../worker/db/client";
import { listThreadSessions } from "../../worker/db/repos/sessions";
import { qualityReviews, sessions, shops, staff } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, platformAdminToken, type TestShop } from "../helpers/queue-fixture";
import { cid, connect, roomSettled } from "../helpers/socket";

type Report = {
  shopId: string | null;
  from: string;
  to: string;
  timeZone: string;
  totals: Record<string, number | number[] | null>;
  days: { date: string; sessions: number; botOnly: number; handedOff: number; resolved: number; rated: number; satisfied: number; responseAvgMs: number | null }[];
  hours: number[];
  topics: { topic: string; sessions: number; handedOff: number }[];
  channels: { channel: string; sessions: number }[];
  agents: { agentId: string; name: string; sessions: number; resolved: number; responseAvgMs: number | null; handleAvgMs: number | null; rated: number; avgRating: number | null; csat: number | null; messages: number; reviewed: number; qualityAvg: number | null }[];
  comments: { sessionId: string; threadId: string; score: number; comment: string; ratedAt: number; agentId: string | null; agentName: string | null }[];
};

const report = async (token: string, query: string) => {
  const res = await api(`/api/admin/analytics?${query}`, { token });
  return { status: res.status, body: (await res.json()) as Report & { error?: { message: string; details?: { field: string }[] } } };
};

/** Kolkata (UTC+5:30): a local day is not a whole number of UTC hours away. */
const ZONE = "Asia/Kolkata";
/** A local wall time in ZONE as epoch ms. */
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+05:30`);
const S = 1000;
const t2 = local("2026-03-02", "00:10");
const t3 = local("2026-03-02", "10:00");

let shop: TestShop;
let other: TestShop;
beforeAll(async () => {
  await seedFixture();
  [shop, other] = await Promise.all([
    makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["presales"] }, { handle: "bo", groups: ["presales"] }]),
    makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "cy", groups: ["presales"] }]),
  ]);
  const db = database(env.DB);
  await db.update(shops).set({ businessHours: { timeZone: ZONE, weekly: Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [["00:00", "24:00"]]])) } }).where(eq(shops.id, shop.shopId)).run();
  // A formula-looking name must reach a spreadsheet as text.
  await db.update(staff).set({ name: "=HYPERLINK(\"x\")" }).where(eq(staff.id, shop.staffId("bo"))).run();
  const row = (id: string, shopId: string, fields: Partial<typeof sessions.$inferInsert> & { openedAt: number }) => ({
    id, shopId, customerId: `cu-${id}`, threadId: `${shopId}:cu-${id}`, channel: "app", status: "resolved", lastMessageAt: fields.openedAt, updatedAt: fields.openedAt, ...fields,
  });
  const ana = shop.staffId("ana");
  const bo = shop.staffId("bo");
  const t4 = local("2026-03-03", "10:00");
  // One statement per row: D1 takes at most 100 bound values a statement.
  const rows = [
    // 1 March, 23:50 local (18:20 UTC): the bot alone, closed when idle.
    row("s1", shop.shopId, { openedAt: local("2026-03-01", "23:50"), topic: "pre_sales", channel: "miniprogram", closeReason: "idle", resolvedAt: local("2026-03-02", "00:30"), resolvedBy: "system", botMessages: 2, customerMessages: 1 }),
    // 2 March, 00:10 local (still 1 March in UTC): handed off, answered in 30 s, resolved after 10 min, five stars.
    row("s2", shop.shopId, { openedAt: t2, topic: "logistics", handedOffAt: t2 + 60 * S, assignedAt: t2 + 90 * S, firstResponseAt: t2 + 90 * S, agentId: ana, resolvedAt: t2 + 600 * S, resolvedBy: ana, closeReason: "resolved", agentMessages: 4, rating: 5, ratedAt: t2 + 700 * S, ratingComment: "回复很快" }),
    // 2 March, 10:00: answered in 10 s by the other agent, two stars.
    row("s3", shop.shopId, { openedAt: t3, topic: "after_sales", handedOffAt: t3, assignedAt: t3 + 10 * S, firstResponseAt: t3 + 10 * S, agentId: bo, resolvedAt: t3 + 310 * S, resolvedBy: bo, closeReason: "resolved", agentMessages: 3, rating: 2, ratedAt: t3 + 400 * S, ratingComment: "等太久了" }),
    // 3 March, 10:00: answered in 2 min, still open, four stars so far; no text to read a topic from.
    row("s4", shop.shopId, { openedAt: t4, status: "assigned", topic: null, handedOffAt: t4, assignedAt: t4 + 120 * S, firstResponseAt: t4 + 120 * S, agentId: ana, agentMessages: 1, rating: 4, ratedAt: t4 + 200 * S }),
    // 4 March: after the range (its comment is the shop's newest, and still not the range's).
    row("s5", shop.shopId, { openedAt: local("2026-03-04", "09:00"), topic: "logistics", rating: 3, ratedAt: local("2026-03-04", "09:30"), ratingComment: "范围之外" }),
    // Another shop's session in the same hours: never in this shop's report.
    row("s6", other.shopId, { openedAt: t3, topic: "complaint", handedOffAt: t3, firstResponseAt: t3 + 5 * S, agentId: other.staffId("cy"), rating: 1, ratedAt: t3 + 60 * S, ratingComment: "别家的评价" }),
  ];
  const [first, ...rest] = rows.map((r) => db.insert(sessions).values(r));
  await db.batch([first!, ...rest]);
  // 质检 reviews, counted by when they were made: ana's s2 on 3 March (in the range), bo's s3 on
  // 5 March (after it); a row of another shop naming ana must not count for this shop.
  const review = (sessionId: string, shopId: string, agentId: string, total: number, at: number) =>
    db.insert(qualityReviews).values({ sessionId, shopId, threadId: `${shopId}:cu-${sessionId}`, agentId, reviewerId: "boss", scores: { attitude: 4, responsiveness: 4, accuracy: 4, resolution: 4, etiquette: 4 }, total, comment: "", createdAt: at, updatedAt: at });
  await db.batch([
    review("s2", shop.shopId, ana, 80, local("2026-03-03", "09:00")),
    review("s3", shop.shopId, bo, 56, local("2026-03-05", "09:00")),
    review("s6", other.shopId, ana, 20, local("2026-03-03", "09:00")),
  ]);
});

describe("the service report (数据报表)", () => {
  it("files sessions into the shop's local days and hours, with response times, CSAT, topics, channels and each agent", async () => {
    const { status, body } = await report(shop.tokens.boss!, "from=2026-03-01&to=2026-03-03");
    expect(status).toBe(200);
    expect(body).toMatchObject({ shopId: shop.shopId, from: "2026-03-01", to: "2026-03-03", timeZone: ZONE });
    expect(body.days).toEqual([
      { date: "2026-03-01", sessions: 1, botOnly: 1, handedOff: 0, resolved: 0, rated: 0, satisfied: 0, responseAvgMs: null },
      { date: "2026-03-02", sessions: 2, botOnly: 0, handedOff: 2, resolved: 2, rated: 2, satisfied: 1, responseAvgMs: 20_000 },
      { date: "2026-03-03", sessions: 1, botOnly: 0, handedOff: 1, resolved: 0, rated: 1, satisfied: 1, responseAvgMs: 120_000 },
    ]);
    expect(body.totals).toEqual({
      sessions: 4, botOnly: 1, containment: 0.25, handedOff: 3, resolved: 2, closed: 3, responded: 3,
      responseAvgMs: 53_333, responseP50Ms: 30_000, responseP90Ms: 120_000,
      // Handling runs from assignment to close: s2 510 s, s3 300 s.
      handleAvgMs: 405_000,
      rated: 3, avgRating: 3.67, csat: 0.667, ratingCounts: [0, 1, 0, 1, 1],
    });
    const busy = Object.fromEntries(body.hours.map((n, h) => [h, n]).filter(([, n]) => n));
    expect(busy).toEqual({ 0: 1, 10: 2, 23: 1 });
    expect(body.topics).toEqual([
      { topic: "after_sales", sessions: 1, handedOff: 1 },
      { topic: "logistics", sessions: 1, handedOff: 1 },
      { topic: "pre_sales", sessions: 1, handedOff: 0 },
      { topic: "unknown", sessions: 1, handedOff: 1 },
    ]);
    expect(body.channels).toEqual([{ channel: "app", sessions: 3 }, { channel: "miniprogram", sessions: 1 }]);
    expect(body.agents).toEqual([
      { agentId: shop.staffId("ana"), name: "客服ana", sessions: 2, resolved: 1, responseAvgMs: 75_000, handleAvgMs: 510_000, rated: 2, avgRating: 4.5, csat: 1, messages: 5, reviewed: 1, qualityAvg: 80 },
      { agentId: shop.staffId("bo"), name: "=HYPERLINK(\"x\")", sessions: 1, resolved: 1, responseAvgMs: 10_000, handleAvgMs: 300_000, rated: 1, avgRating: 2, csat: 0, messages: 3, reviewed: 0, qualityAvg: null },
    ]);
    // Ratings that came with words, newest first; the one without (s4) and the other shop's are not listed.
    expect(body.comments).toEqual([
      { sessionId: "s3", threadId: `${shop.shopId}:cu-s3`, score: 2, comment: "等太久了", ratedAt: t3 + 400 * S, agentId: shop.staffId("bo"), agentName: "=HYPERLINK(\"x\")" },
      { sessionId: "s2", threadId: `${shop.shopId}:cu-s2`, score: 5, comment: "回复很快", ratedAt: t2 + 700 * S, agentId: shop.staffId("ana"), agentName: "客服ana" },
    ]);
  });

  it("counts a real chat: the opening message's topic, the hand-off, the agent's answer and the close", async () => {
    const customer = uniqueCustomer();
    const thread = `${other.shopId}:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer), { channel: "h5" });
    const agent = await connect(thread, other.tokens.cy!);
    await agent.next("room.joined");
    // No knowledge in this shop: the session goes to a person at once.
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "我的快递到哪了，三天了还没到" });
    await shopper.next("session.changed", (e) => e.session.status === "queued" || e.session.status === "assigned");
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "亲，我帮您查一下" });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent");
    agent.send({ type: "session.resolve" });
    await shopper.next("session.changed", (e) => e.session.status === "resolved");
    await roomSettled(thread);
    const [row] = await listThreadSessions(database(env.DB), other.shopId, thread);
    expect(row).toMatchObject({ topic: "logistics", channel: "h5", closeReason: "resolved" });

    const { body } = await report(other.tokens.boss!, "");
    expect(body.days).toHaveLength(7);
    // Today only: the chat is today's.
    const today = await report(other.tokens.boss!, "days=1");
    expect(today.body.days).toEqual([expect.objectContaining({ date: body.to, sessions: 1, handedOff: 1 })]);
    expect(body.totals).toMatchObject({ sessions: 1, botOnly: 0, handedOff: 1, resolved: 1, responded: 1 });
    expect(body.topics).toEqual([{ topic: "logistics", sessions: 1, handedOff: 1 }]);
    expect(body.channels).toEqual([{ channel: "h5", sessions: 1 }]);
    expect(body.agents).toMatchObject([{ agentId: other.staffId("cy"), name: "客服cy", sessions: 1, resolved: 1, messages: 1 }]);
    [shopper, agent].forEach((c) => c.close());
  });

  it("is for admins: a shop admin sees only their shop, a platform admin one shop or all", async () => {
    expect((await report(shop.tokens.ana!, "")).status).toBe(403);
    const foreign = await report(shop.tokens.boss!, `shop=${other.shopId}`);
    expect(foreign.status).toBe(403);
    expect(foreign.body.error?.message).toMatch(/own shop/);

    const platform = (await platformAdminToken()).token;
    const one = await report(platform, `shop=${shop.shopId}&from=2026-03-01&to=2026-03-03`);
    expect(one.body).toMatchObject({ shopId: shop.shopId, timeZone: ZONE, totals: { sessions: 4 } });
    // All shops, in the platform's zone (Beijing): both shops' sessions of those days.
    const all = await report(platform, "from=2026-03-01&to=2026-03-03");
    expect(all.body).toMatchObject({ shopId: null, timeZone: "Asia/Shanghai" });
    expect(all.body.totals.sessions).toBeGreaterThanOrEqual(5);
    expect(all.body.agents.map((a) => a.agentId)).toEqual(expect.arrayContaining([shop.staffId("ana"), other.staffId("cy")]));
    expect((await report(platform, "shop=no-such-shop")).status).toBe(404);
  });

  it("gives every staff member their own figures: only the sessions they held", async () => {
    const mine = async (token: string, query: string) => (await (await api(`/api/analytics/mine?${query}`, { token })).json()) as Report & { agentId: string };
    const ana = await mine(shop.tokens.ana!, "from=2026-03-01&to=2026-03-03");
    expect(ana).toMatchObject({ shopId: shop.shopId, agentId: shop.staffId("ana"), timeZone: ZONE });
    expect(ana.totals).toMatchObject({ sessions: 2, handedOff: 2, resolved: 1, responded: 2, responseAvgMs: 75_000, rated: 2, avgRating: 4.5, csat: 1 });
    expect(ana.days.map((d) => d.sessions)).toEqual([0, 1, 1]);
    expect(ana.agents.map((a) => [a.agentId, a.reviewed, a.qualityAvg])).toEqual([[shop.staffId("ana"), 1, 80]]);
    expect(ana.comments.map((c) => c.sessionId)).toEqual(["s2"]);
    // Asking for another shop changes nothing: the figures are the caller's own.
    const bo = await mine(shop.tokens.bo!, `from=2026-03-01&to=2026-03-03&shop=${other.shopId}`);
    expect(bo).toMatchObject({ shopId: shop.shopId, agentId: shop.staffId("bo"), totals: { sessions: 1, rated: 1, csat: 0 } });
    expect(bo.comments.map((c) => c.comment)).toEqual(["等太久了"]);
    const res = await api("/api/analytics/mine/export?from=2026-03-01&to=2026-03-03&table=sessions", { token: shop.tokens.bo! });
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="kefu-${shop.shopId}-${shop.staffId("bo")}-sessions-2026-03-01_2026-03-03.csv"`);
    expect((await res.text()).trim().split("\r\n").slice(1).map((r) => r.split(",")[0])).toEqual(["s3"]);
    // Shoppers have no figures.
    expect((await api("/api/analytics/mine", { token: await shopperToken(uniqueCustomer()) })).status).toBe(403);
  });

  it("refuses a bad range, naming the field", async () => {
    const cases: [string, string, RegExp][] = [
      ["from=2026-03-05&to=2026-03-01", "to", /before from/],
      ["from=2026-01-01&to=2026-06-30", "to", /at most 91 days/],
      ["from=2026-03-01", "to", /both from and to/],
      ["from=2026-03-01&to=2026-03-02&days=7", "to", /or days/],
      ["days=0", "days", /at least 1/],
      ["days=93", "days", /at most 92/],
      ["from=2026-13-01&to=2026-13-02", "from", /date/],
      ["from=yesterday&to=today", "from", /YYYY-MM-DD/],
      ["shop=NOT%20A%20SHOP", "shop", /lowercase/],
    ];
    for (const [query, field, message] of cases) {
      const { status, body } = await report(shop.tokens.boss!, query);
      expect(status, query).toBe(400);
      expect(body.error?.details?.find((d) => d.field === field), query).toMatchObject({ message: expect.stringMatching(message) });
    }
  });
});

describe("the report's CSV export (导出)", () => {
  const csv = async (query: string) => {
    const res = await api(`/api/admin/analytics/export?${query}`, { token: shop.tokens.boss! });
    // Keep the BOM (Response.text() drops it) to see that Excel will be told the file is UTF-8.
    return { res, text: new TextDecoder("utf-8", { ignoreBOM: true, fatal: true }).decode(await res.arrayBuffer()) };
  };

  it("gives each day, each agent and each session as a spreadsheet reads them", async () => {
    const days = await csv("from=2026-03-01&to=2026-03-03&table=days");
    expect(days.res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(days.res.headers.get("content-disposition")).toBe(`attachment; filename="kefu-${shop.shopId}-days-2026-03-01_2026-03-03.csv"`);
    expect(days.text.startsWith("\ufeff日期,咨询量,机器人独立接待,")).toBe(true);
    expect(days.text.split("\r\n").slice(1, 4)).toEqual(["2026-03-01,1,1,0,0,,0,0", "2026-03-02,2,0,2,2,20,2,1", "2026-03-03,1,0,1,0,120,1,1"]);

    const agents = await csv("from=2026-03-01&to=2026-03-03&table=agents&lang=en");
    const lines = agents.text.replace(/^\ufeff/, "").split("\r\n");
    expect(lines[0]).toBe("agent,agent id,sessions,resolved,first response avg (s),handling avg (s),rated,avg rating,CSAT (%),messages sent,reviews (QA),QA average");
    expect(lines[1]).toBe(`客服ana,${shop.staffId("ana")},2,1,75,510,2,4.5,100,5,1,80`);
    // The formula-looking name is text, not a formula.
    expect(lines[2]).toBe(`"'=HYPERLINK(""x"")",${shop.staffId("bo")},1,1,10,300,1,2,0,3,0,`);

    const all = await csv("from=2026-03-01&to=2026-03-03&table=sessions");
    const rows = all.text.replace(/^\ufeff/, "").trim().split("\r\n");
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatch(/^会话ID,店铺,顾客,渠道,/);
    expect(rows[1]).toBe(`s1,${shop.shopId},cu-s1,miniprogram,,,pre_sales,resolved,2026-03-01 23:50,,,2026-03-02 00:30,idle,,,1,0,2,`);
    expect(rows[2]).toContain(",2026-03-02 00:10,2026-03-02 00:11,30,2026-03-02 00:20,resolved,客服ana,");
    expect(rows.some((r) => r.startsWith("s6,") || r.startsWith("s5,"))).toBe(false);
  });

  it("refuses an unknown table or language, naming the field", async () => {
    for (const [query, field] of [["table=everything", "table"], ["table=days&lang=fr", "lang"], ["", "table"]] as const) {
      const { res, text } = await csv(query);
      expect(res.status, query).toBe(400);
      expect((JSON.parse(text) as { error: { details: { field: string }[] } }).error.details.map((d) => d.field), query).toContain(field);
    }
  });
});
