/**
 * 质检 (quality review) through the real Worker, rooms and D1: a shop admin lists the finished
 * consultations their agents held, filtered by signs of poor service, opens one with exactly its
 * messages, scores it, and the agent reads the review; other shops' admins and agents cannot; bad
 * scores are refused by field and change nothing.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { qualityFlags, qualityGrade, qualityTotal } from "../../core/domain/quality";
import { database } from "../../worker/db/client";
import { sessions } from "../../worker/db/schema";
import { api, seedFixture, shopperToken, uniqueCustomer } from "../helpers/fixtures";
import { makeShop, platformAdminToken, type TestShop } from "../helpers/queue-fixture";
import { cid, connect, roomSettled } from "../helpers/socket";

const db = database(env.DB);
const S = 1000;
const DAY = 86_400_000;
const GOOD = { attitude: 5, responsiveness: 5, accuracy: 4, resolution: 4, etiquette: 5 };

type Row = { sessionId: string; agentId: string; flags: string[]; customerName: string | null; review: { total: number; grade: string; reviewerName: string | null } | null };
type List = { sessions: Row[]; nextBefore: number | null; openAppeals: number; agents: { agentId: string; reviews: number; averageTotal: number; failed: number }[]; error?: { code: string; details?: { field: string }[] } };
type Detail = { session: Row; transcript: { text?: string; body?: { text?: string }; sessionId: string | null; sender: { role: string } }[]; review: { total: number; comment: string; scores: Record<string, number>; createdAt: number; updatedAt: number } | null };

const list = async (token: string, query = "") => {
  const res = await api(`/api/admin/quality/sessions?${query}`, { token });
  return { status: res.status, body: (await res.json()) as List };
};
const detail = async (token: string, sessionId: string) => {
  const res = await api(`/api/admin/quality/sessions/${encodeURIComponent(sessionId)}`, { token });
  return { status: res.status, body: (await res.json()) as Detail & { error?: { code: string } } };
};
const review = async (token: string, sessionId: string, body: unknown) => {
  const res = await api(`/api/admin/quality/sessions/${encodeURIComponent(sessionId)}/review`, { method: "PUT", token, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  return { status: res.status, body: (await res.json()) as { total: number; grade: string; comment: string; error?: { code: string; message: string; details?: { field: string }[] } } };
};
const textOf = (m: Detail["transcript"][number]) => (m as { body?: { text?: string } }).body?.text ?? (m as { text?: string }).text;

let shop: TestShop;
let rival: TestShop;
beforeAll(async () => {
  await seedFixture();
  [shop, rival] = await Promise.all([
    makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "ana", groups: ["presales"] }, { handle: "bo", groups: ["presales"] }]),
    makeShop([{ key: "presales" }], [{ handle: "boss", groups: [], role: "shop_admin" }, { handle: "cy", groups: ["presales"] }]),
  ]);
});

/** A finished consultation's D1 row, as the room writes it. */
async function finished(id: string, owner: TestShop, fields: Partial<typeof sessions.$inferInsert> & { openedAt: number }) {
  await db.insert(sessions).values({
    id, shopId: owner.shopId, customerId: `cu-${id}`, threadId: `${owner.shopId}:cu-${id}`, channel: "app", status: "resolved", lastMessageAt: fields.openedAt, updatedAt: fields.openedAt,
    agentMessages: 3, closeReason: "resolved", ...fields,
  }).run();
}

describe("质检 scores", () => {
  it("totals five 1-5 scores out of 100 and grades them", () => {
    expect(qualityTotal({ attitude: 5, responsiveness: 5, accuracy: 5, resolution: 5, etiquette: 5 })).toBe(100);
    expect(qualityTotal({ attitude: 4, responsiveness: 4, accuracy: 4, resolution: 2, etiquette: 4 })).toBe(72);
    expect(qualityTotal({ attitude: 1, responsiveness: 1, accuracy: 1, resolution: 1, etiquette: 1 })).toBe(20);
    expect([95, 90, 89, 75, 74, 60, 59].map(qualityGrade)).toEqual(["excellent", "excellent", "good", "good", "pass", "pass", "fail"]);
    const base = { rating: null, assignedAt: 1000, firstResponseAt: 1000 + 60_000, agentMessages: 2, closeReason: "resolved" };
    expect(qualityFlags(base)).toEqual([]);
    expect(qualityFlags({ ...base, rating: 2, firstResponseAt: 1000 + 60_001, agentMessages: 0, closeReason: "idle" })).toEqual(["low_rating", "slow_first_response", "no_reply", "ended_idle"]);
    expect(qualityFlags({ ...base, rating: 3 })).toEqual([]);
  });
});

describe("质检 (quality review)", () => {
  it("reviews a real consultation: only its own messages, the score and comment reach the agent, and a second review replaces the first", async () => {
    const customer = uniqueCustomer("qa");
    const thread = `${shop.shopId}:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer), { channel: "h5" });
    const agent = await connect(thread, shop.tokens.ana!);
    await agent.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "我的快递到哪了，三天了还没到" });
    await shopper.next("session.changed", (e) => e.session.status === "queued" || e.session.status === "assigned");
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "亲，我帮您查一下物流" });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent");
    agent.send({ type: "session.resolve" });
    const resolved = await shopper.next("session.changed", (e) => e.session.status === "resolved");
    const first = resolved.session.id as string;
    // The next consultation in the same thread, still open: not listed, not reviewable, not in the first's transcript.
    shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "还有一个问题想问" });
    const reopened = await shopper.next("session.changed", (e) => e.session.id !== first && (e.session.status === "queued" || e.session.status === "assigned"));
    agent.send({ type: "message.send", clientId: cid(), kind: "text", text: "您请说" });
    await shopper.next("message.created", (e) => e.message.sender.role === "agent" && e.message.seq > 0);
    await roomSettled(thread);
    [shopper, agent].forEach((c) => c.close());

    const boss = shop.tokens.boss!;
    const listed = await list(boss);
    expect(listed.status).toBe(200);
    const mine = listed.body.sessions.filter((s) => s.sessionId === first || s.sessionId === reopened.session.id);
    expect(mine).toEqual([expect.objectContaining({ sessionId: first, agentId: shop.staffId("ana"), review: null })]);

    const opened = await detail(boss, first);
    expect(opened.status).toBe(200);
    expect(opened.body.transcript.map(textOf).filter(Boolean)).toEqual(expect.arrayContaining(["我的快递到哪了，三天了还没到", "亲，我帮您查一下物流"]));
    expect(opened.body.transcript.map(textOf)).not.toContain("还有一个问题想问");
    expect(opened.body.transcript.map(textOf)).not.toContain("您请说");
    expect(opened.body.transcript.every((m) => m.sessionId === first)).toBe(true);
    expect(opened.body.review).toBeNull();

    expect((await review(boss, reopened.session.id, { scores: GOOD })).body.error?.code).toBe("conflict");

    const scored = await review(boss, first, { scores: { attitude: 4, responsiveness: 4, accuracy: 4, resolution: 2, etiquette: 4 }, comment: "  物流问题要给出单号和预计时间  " });
    expect(scored.status).toBe(200);
    expect(scored.body).toMatchObject({ total: 72, grade: "pass", comment: "物流问题要给出单号和预计时间" });

    const seen = await api("/api/quality/mine", { token: shop.tokens.ana! });
    const reviews = ((await seen.json()) as { reviews: { sessionId: string; total: number; comment: string; reviewerName: string; threadId: string }[] }).reviews;
    expect(reviews).toEqual([expect.objectContaining({ sessionId: first, total: 72, comment: "物流问题要给出单号和预计时间", reviewerName: "客服boss", threadId: thread })]);
    // bo held none of it: nothing for them.
    expect(((await (await api("/api/quality/mine", { token: shop.tokens.bo! })).json()) as { reviews: unknown[] }).reviews).toEqual([]);

    const before = (await detail(boss, first)).body.review!;
    const again = await review(boss, first, { scores: GOOD });
    expect(again.body).toMatchObject({ total: 92, grade: "excellent", comment: "" });
    const after = (await detail(boss, first)).body.review!;
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.scores).toEqual(GOOD);
    const summary = (await list(boss, "reviewed=yes")).body;
    expect(summary.sessions.map((s) => s.sessionId)).toContain(first);
    expect(summary.agents.find((a) => a.agentId === shop.staffId("ana"))).toMatchObject({ reviews: 1, averageTotal: 92, failed: 0 });
    expect((await list(boss, "reviewed=no")).body.sessions.map((s) => s.sessionId)).not.toContain(first);
  });

  it("lists by sign of poor service, by agent and by age, newest first, a page at a time", async () => {
    const now = Date.now();
    const p = `f${crypto.randomUUID().slice(0, 6)}`;
    const ana = shop.staffId("ana");
    const bo = shop.staffId("bo");
    await finished(`${p}-ok`, shop, { openedAt: now - 1 * 3600 * S, agentId: ana, assignedAt: now - 3600 * S, firstResponseAt: now - 3600 * S + 20 * S, rating: 5 });
    await finished(`${p}-low`, shop, { openedAt: now - 2 * 3600 * S, agentId: bo, rating: 1 });
    await finished(`${p}-slow`, shop, { openedAt: now - 3 * 3600 * S, agentId: ana, assignedAt: now - 3 * 3600 * S, firstResponseAt: now - 3 * 3600 * S + 5 * 60 * S });
    await finished(`${p}-silent`, shop, { openedAt: now - 4 * 3600 * S, agentId: bo, agentMessages: 0, closeReason: "idle" });
    await finished(`${p}-old`, shop, { openedAt: now - 10 * DAY, agentId: bo, rating: 1 });
    // The bot's alone (no agent) and one still open: never listed.
    await finished(`${p}-bot`, shop, { openedAt: now - 5 * 3600 * S, agentMessages: 0, rating: 1 });
    await finished(`${p}-open`, shop, { openedAt: now - 6 * 3600 * S, agentId: ana, status: "assigned", rating: null });
    const ids = async (query: string) => (await list(shop.tokens.boss!, query)).body.sessions.map((s) => s.sessionId).filter((id) => id.startsWith(p));

    expect(await ids("")).toEqual([`${p}-ok`, `${p}-low`, `${p}-slow`, `${p}-silent`]);
    expect(await ids("flag=low_rating")).toEqual([`${p}-low`]);
    expect(await ids("flag=slow_first_response")).toEqual([`${p}-slow`]);
    expect(await ids("flag=no_reply")).toEqual([`${p}-silent`]);
    expect(await ids("flag=ended_idle")).toEqual([`${p}-silent`]);
    expect(await ids("flag=flagged")).toEqual([`${p}-low`, `${p}-slow`, `${p}-silent`]);
    expect(await ids(`agent=${bo}`)).toEqual([`${p}-low`, `${p}-silent`]);
    expect(await ids("days=30&flag=low_rating")).toEqual([`${p}-low`, `${p}-old`]);
    const rows = (await list(shop.tokens.boss!, "flag=flagged")).body.sessions;
    expect(rows.find((r) => r.sessionId === `${p}-silent`)!.flags).toEqual(["no_reply", "ended_idle"]);

    // Pages: one at a time through bo's (this test's only ones held by bo).
    const page1 = (await list(shop.tokens.boss!, `agent=${bo}&limit=1`)).body;
    expect(page1.sessions.map((s) => s.sessionId)).toEqual([`${p}-low`]);
    const page2 = (await list(shop.tokens.boss!, `agent=${bo}&limit=1&before=${page1.nextBefore}`)).body;
    expect(page2.sessions.map((s) => s.sessionId)).toEqual([`${p}-silent`]);
    expect(page2.nextBefore).toBeNull();
  });

  it("keeps each shop's consultations to its own admins; agents may not review; nobody reviews their own", async () => {
    const now = Date.now();
    const id = `t${crypto.randomUUID().slice(0, 8)}`;
    await finished(id, shop, { openedAt: now - 3600 * S, agentId: shop.staffId("ana") });
    await finished(`${id}-boss`, shop, { openedAt: now - 3600 * S, agentId: shop.staffId("boss") });

    // The rival shop's admin: not listed, not found, not reviewable; asking for the shop is refused.
    expect((await list(rival.tokens.boss!)).body.sessions.map((s) => s.sessionId)).not.toContain(id);
    expect((await list(rival.tokens.boss!, `shop=${shop.shopId}`)).status).toBe(403);
    expect((await detail(rival.tokens.boss!, id)).status).toBe(404);
    expect((await review(rival.tokens.boss!, id, { scores: GOOD })).status).toBe(404);
    // Agents: the admin list is not theirs.
    expect((await list(shop.tokens.ana!)).status).toBe(403);
    expect((await review(shop.tokens.bo!, id, { scores: GOOD })).status).toBe(403);
    expect((await detail(shop.tokens.boss!, id)).body.review).toBeNull();
    // Shoppers: not staff.
    expect((await api("/api/quality/mine", { token: await shopperToken(uniqueCustomer()) })).status).toBe(403);
    // The admin's own consultation.
    expect((await review(shop.tokens.boss!, `${id}-boss`, { scores: GOOD })).status).toBe(403);

    // A platform admin: every shop's, and may review them.
    const platform = await platformAdminToken();
    expect((await list(platform.token, "days=1")).body.sessions.map((s) => s.sessionId)).toContain(id);
    expect((await list(platform.token, `shop=${rival.shopId}`)).body.sessions.map((s) => s.sessionId)).not.toContain(id);
    expect((await review(platform.token, id, { scores: GOOD })).body).toMatchObject({ total: 92 });
    // The rival's agent does not see it among their reviews.
    expect(((await (await api("/api/quality/mine", { token: rival.tokens.cy! })).json()) as { reviews: unknown[] }).reviews).toEqual([]);
  });

  it("lets the agent appeal a review once; reviewers find it under 申诉中, and reviewing it again answers it", async () => {
    const id = `ap${crypto.randomUUID().slice(0, 8)}`;
    // Older than the list's longest period: an appeal must still be found.
    await finished(id, shop, { openedAt: Date.now() - 40 * DAY, agentId: shop.staffId("ana") });
    const boss = shop.tokens.boss!;
    const ana = shop.tokens.ana!;
    const appeal = async (token: string, body: unknown, sessionId = id) => {
      const res = await api(`/api/quality/mine/${encodeURIComponent(sessionId)}/appeal`, { method: "POST", token, body: JSON.stringify(body), headers: { "content-type": "application/json" } });
      return { status: res.status, body: (await res.json()) as { total: number; appeal: { status: string; reason: string; totalBefore: number | null } | null; error?: { code: string; details?: { field: string }[] } } };
    };
    // Nothing to appeal before a review.
    expect((await appeal(ana, { reason: "不认同" })).status).toBe(404);
    expect((await review(boss, id, { scores: { attitude: 3, responsiveness: 3, accuracy: 3, resolution: 3, etiquette: 3 }, comment: "解答不完整" })).body.total).toBe(60);

    // Only the agent it is about, with a reason.
    expect((await appeal(shop.tokens.bo!, { reason: "不认同" })).status).toBe(404);
    expect((await appeal(rival.tokens.cy!, { reason: "不认同" })).status).toBe(404);
    for (const [body, field] of [[{ reason: "   " }, "reason"], [{ reason: "理".repeat(301) }, "reason"], [{}, "reason"]] as const) {
      const res = await appeal(ana, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.details?.map((d) => d.field)).toContain(field);
    }
    expect((await detail(boss, id)).body.review).toMatchObject({ appeal: null });

    const sent = await appeal(ana, { reason: "  顾客要的尺码当时确实缺货，已说明到货时间  " });
    expect(sent.status).toBe(200);
    expect(sent.body.appeal).toEqual({ reason: "顾客要的尺码当时确实缺货，已说明到货时间", at: expect.any(Number), status: "open", totalBefore: null });
    expect((await appeal(ana, { reason: "再申诉一次" })).body.error?.code).toBe("conflict");

    const appealed = (await list(boss, "reviewed=appealed")).body.sessions;
    expect(appealed.map((r) => r.sessionId)).toEqual([id]);
    // Counted for the nav badge whatever the filters; not in the rival shop's.
    expect((await list(boss, "days=1&flag=low_rating")).body.openAppeals).toBe(1);
    expect((await list(rival.tokens.boss!)).body.openAppeals).toBe(0);
    expect((await list(rival.tokens.boss!, "reviewed=appealed")).body.sessions).toEqual([]);
    expect((await detail(boss, id)).body.review).toMatchObject({ total: 60, appeal: { status: "open" } });

    // Reviewed again: the appeal is answered, with the total it contested.
    expect((await review(boss, id, { scores: GOOD, comment: "复核：已说明缺货，改判" })).body).toMatchObject({ total: 92, appeal: { status: "answered", totalBefore: 60 } });
    expect((await list(boss, "reviewed=appealed")).body.sessions.map((r) => r.sessionId)).not.toContain(id);
    expect((await list(boss)).body.openAppeals).toBe(0);
    const mine = ((await (await api("/api/quality/mine", { token: ana })).json()) as { reviews: { sessionId: string; total: number; comment: string; appeal: { status: string; totalBefore: number } }[] }).reviews;
    expect(mine.find((r) => r.sessionId === id)).toMatchObject({ total: 92, comment: "复核：已说明缺货，改判", appeal: { status: "answered", totalBefore: 60 } });
    // Once per review, even answered; a third review keeps the answer as it was.
    expect((await appeal(ana, { reason: "还是不认同" })).body.error?.code).toBe("conflict");
    expect((await review(boss, id, { scores: { ...GOOD, etiquette: 4 } })).body).toMatchObject({ total: 88, appeal: { status: "answered", totalBefore: 60 } });
  });

  it("refuses bad scores and queries by field and stores nothing", async () => {
    const id = `b${crypto.randomUUID().slice(0, 8)}`;
    await finished(id, shop, { openedAt: Date.now() - 3600 * S, agentId: shop.staffId("bo") });
    const boss = shop.tokens.boss!;
    const cases: [unknown, string][] = [
      [{ scores: { ...GOOD, attitude: 6 } }, "scores.attitude"],
      [{ scores: { ...GOOD, accuracy: 2.5 } }, "scores.accuracy"],
      [{ scores: { attitude: 5, responsiveness: 5, accuracy: 5, resolution: 5 } }, "scores.etiquette"],
      [{ scores: { ...GOOD, resolution: "5" } }, "scores.resolution"],
      [{ scores: GOOD, comment: "差".repeat(501) }, "comment"],
      [{}, "scores"],
    ];
    for (const [body, field] of cases) {
      const res = await review(boss, id, body);
      expect(res.status).toBe(400);
      expect(res.body.error?.details?.map((d) => d.field)).toContain(field);
    }
    expect((await review(boss, "bad id!", { scores: GOOD })).status).toBe(400);
    expect((await detail(boss, id)).body.review).toBeNull();
    for (const [query, field] of [["days=40", "days"], ["flag=rude", "flag"], ["reviewed=maybe", "reviewed"], ["limit=0", "limit"], ["before=x", "before"]]) {
      const res = await list(boss, query!);
      expect(res.status).toBe(400);
      expect(res.body.error?.details?.map((d) => d.field)).toContain(field);
    }
  });
});
