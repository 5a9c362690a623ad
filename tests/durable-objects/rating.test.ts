/**
 * Satisfaction ratings (满意度评价) through the real Worker and ConversationRoom: the invitation
 * when a session a person served is resolved (by staff or the idle timeout) or when staff ask, the
 * shopper's rating into the room and D1, and every refusal changing nothing.
 */
import { env } from "cloudflare:workers";
import { abortAllDurableObjects, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import type { ThreadContext } from "../../core/protocol/context";
import { RATING_WINDOW_MS } from "../../core/domain/rating";
import { database } from "../../worker/db/client";
import { listThreadSessions } from "../../worker/db/repos/sessions";
import { createArticle } from "../../worker/services/knowledge/articles";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, roomSettled, type SocketClient } from "../helpers/socket";

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
  // Published knowledge, so the bot keeps a session it can answer (a shop without any hands off at once).
  await createArticle(env, "apparel", { kind: "faq", question: "什么时候发货", altQuestions: ["多久能发货", "几天发货"], answer: "亲，付款后 48 小时内发货哦～", tags: [], category: null, productId: null, status: "published", validFrom: null, validTo: null }, { by: "st-a0", now: Date.now() });
});

const stub = (thread: string) => getServerByName(env.ConversationRoom, thread);
const roomSession = async (thread: string) => runInDurableObject(await stub(thread), (room) => room.store.session());
const roomMessages = async (thread: string) => runInDurableObject(await stub(thread), (room) => room.store.messagesAfter(0, 500, "agent"));
const d1Rows = (thread: string) => listThreadSessions(database(env.DB), "apparel", thread);
const noticeIs = (code: string) => (e: { message: { body: { notice?: { code: string } } } }) => e.message.body.notice?.code === code;

async function say(sock: SocketClient, thread: string, text: string): Promise<void> {
  const clientId = cid();
  sock.send({ type: "message.send", clientId, kind: "text", text });
  await sock.next("message.acked", (e) => e.clientId === clientId);
  await roomSettled(thread);
}

/** A shopper and the apparel agent in a fresh thread, the agent having answered (a session a person served). */
async function servedThread() {
  const customer = uniqueCustomer("r");
  const thread = `apparel:${customer}`;
  const shopper = await connect(thread, await shopperToken(customer, "评价测试"));
  const agent = await connect(thread, agentToken);
  await Promise.all([shopper.next("room.joined"), agent.next("room.joined")]);
  await say(shopper, thread, "这件外套偏大吗");
  await say(agent, thread, "亲，正常尺码，按平时穿的选就好");
  const session = (await roomSession(thread))!;
  expect(session).toMatchObject({ status: "assigned", agentId: STAFF.apparelAgent.id });
  return { customer, thread, shopper, agent, sessionId: session.id };
}

/** `servedThread`, resolved by the agent: both sides have the invitation. */
async function invitedThread() {
  const t = await servedThread();
  t.agent.send({ type: "session.resolve" });
  const invitation = await t.shopper.next("message.created", noticeIs("rating.invited"));
  await t.agent.next("message.created", noticeIs("rating.invited"));
  await roomSettled(t.thread);
  return { ...t, invitation: invitation.message };
}

/** The thread has no rating anywhere: not in the room's session, not in D1, no rated notice. */
async function expectNothingRated(thread: string) {
  await roomSettled(thread);
  expect(await roomSession(thread)).toMatchObject({ rating: null, ratedAt: null });
  expect((await roomSession(thread))?.ratingComment ?? null).toBeNull();
  for (const row of await d1Rows(thread)) expect(row).toMatchObject({ rating: null, ratedAt: null, ratingComment: null });
  expect((await roomMessages(thread)).filter((m) => m.body.notice?.code === "rating.rated")).toEqual([]);
}

describe("satisfaction ratings: the invitation", () => {
  it("invites the shopper when a session an agent served is resolved", async () => {
    const t0 = Date.now();
    const { shopper, agent, sessionId, invitation, thread } = await invitedThread();
    expect(invitation).toMatchObject({ kind: "system", sessionId, sender: { role: "system" }, visibility: "all", body: { notice: { code: "rating.invited" }, rating: { sessionId } } });
    expect(invitation.body.rating!.expiresAt).toBeGreaterThanOrEqual(t0 + RATING_WINDOW_MS);
    // After the resolve notice, and the session says it was invited.
    const notices = (await roomMessages(thread)).filter((m) => m.kind === "system").map((m) => m.body.notice?.code);
    expect(notices.slice(-2)).toEqual(["session.resolved", "rating.invited"]);
    const changed = await shopper.next("session.changed", (e) => e.session.status === "resolved");
    expect(changed.session).toMatchObject({ id: sessionId, personServed: true, rating: null });
    expect(changed.session.ratingInvitedAt).toBe(invitation.createdAt);

    // Staff cannot invite a second time.
    agent.send({ type: "session.invite_rating", sessionId });
    const refused = await agent.next("error");
    expect(refused.error).toMatchObject({ code: "conflict", details: [{ field: "sessionId", message: "the shopper was already invited to rate this session" }] });
    expect((await roomMessages(thread)).filter((m) => m.body.notice?.code === "rating.invited")).toHaveLength(1);
    [shopper, agent].forEach((c) => c.close());
  });

  it("invites when the idle timeout closes a session an agent served", async () => {
    const { shopper, agent, thread } = await servedThread();
    await runInDurableObject(await stub(thread), (room) => {
      const s = room.store.session()!;
      room.store.saveSession({ ...s, lastMessageAt: Date.now() - room.idleMs() - 1000 });
    });
    expect(await runDurableObjectAlarm(await stub(thread))).toBe(true);
    await shopper.next("message.created", noticeIs("session.closed_idle"));
    const invitation = await shopper.next("message.created", noticeIs("rating.invited"));
    expect(invitation.message.body.rating?.sessionId).toBe((await roomSession(thread))!.id);
    [shopper, agent].forEach((c) => c.close());
  });

  it("does not invite for a session only the bot served, and staff cannot invite one", async () => {
    const customer = uniqueCustomer("r");
    const thread = `apparel:${customer}`;
    const shopper = await connect(thread, await shopperToken(customer));
    const agent = await connect(thread, agentToken);
    await Promise.all([shopper.next("room.joined"), agent.next("room.joined")]);
    await say(shopper, thread, "你们一般多久能发货呀");
    const answer = await shopper.next("message.created", (e) => e.message.sender.role === "bot" && e.message.body.article !== undefined);
    expect(answer.message.body.article?.question).toBe("什么时候发货");
    const session = (await roomSession(thread))!;
    expect(session).toMatchObject({ status: "bot", agentId: null, agentMessages: 0 });

    agent.send({ type: "session.invite_rating", sessionId: session.id });
    expect((await agent.next("error")).error).toMatchObject({ code: "conflict", details: [{ field: "sessionId" }] });

    agent.send({ type: "session.resolve" });
    await shopper.next("message.created", noticeIs("session.resolved"));
    const changed = await agent.next("session.changed", (e) => e.session.status === "resolved");
    expect(changed.session).toMatchObject({ personServed: false, ratingInvitedAt: null });
    await roomSettled(thread);
    expect((await roomMessages(thread)).filter((m) => m.body.rating)).toEqual([]);
    expect(shopper.all("message.created").filter((e) => e.message.body.rating)).toEqual([]);
    [shopper, agent].forEach((c) => c.close());
  });

  it("lets staff invite once while the session is open, and resolving it then invites no more", async () => {
    const { shopper, agent, thread, sessionId } = await servedThread();
    // Only staff invite.
    shopper.send({ type: "session.invite_rating", sessionId });
    expect((await shopper.next("error")).error).toMatchObject({ code: "forbidden" });

    agent.send({ type: "session.invite_rating", sessionId });
    const invitation = await shopper.next("message.created", noticeIs("rating.invited"));
    expect(invitation.message.body.notice?.params).toEqual({ by: STAFF.apparelAgent.name });
    expect((await agent.next("session.changed", (e) => typeof e.session.ratingInvitedAt === "number")).session.status).toBe("assigned");

    agent.send({ type: "session.invite_rating", sessionId });
    expect((await agent.next("error")).error.message).toBe("sessionId: the shopper was already invited to rate this session");

    // A wrong session id names the field.
    agent.send({ type: "session.invite_rating", sessionId: "ss_nope" });
    expect((await agent.next("error")).error).toMatchObject({ code: "invalid_input", details: [{ field: "sessionId", message: "not the thread's latest session" }] });

    agent.send({ type: "session.resolve" });
    await shopper.next("message.created", noticeIs("session.resolved"));
    await roomSettled(thread);
    expect((await roomMessages(thread)).filter((m) => m.body.notice?.code === "rating.invited")).toHaveLength(1);
    [shopper, agent].forEach((c) => c.close());
  });
});

describe("satisfaction ratings: the shopper rates", () => {
  it("stores the rating in the room and D1, tells both sides, and refuses a second one", async () => {
    const { shopper, agent, thread, sessionId } = await invitedThread();
    const t0 = Date.now();
    shopper.send({ type: "session.rate", sessionId, score: 4, comment: "  回复很耐心，就是有点慢  " });
    expect(await shopper.next("session.rating_saved")).toEqual({ type: "session.rating_saved", sessionId, score: 4, comment: "回复很耐心，就是有点慢" });
    const forShopper = await shopper.next("message.created", noticeIs("rating.rated"));
    const forAgent = await agent.next("message.created", noticeIs("rating.rated"));
    for (const { message } of [forShopper, forAgent]) {
      expect(message).toMatchObject({ kind: "system", sessionId, visibility: "all", body: { notice: { code: "rating.rated", params: { score: "4", comment: "回复很耐心，就是有点慢" } }, rating: { sessionId, score: 4, comment: "回复很耐心，就是有点慢" } } });
    }
    expect((await agent.next("session.changed", (e) => e.session.rating === 4)).session.id).toBe(sessionId);

    // D1 had the row before anyone was told.
    const [row] = await d1Rows(thread);
    expect(row).toMatchObject({ id: sessionId, status: "resolved", rating: 4, ratingComment: "回复很耐心，就是有点慢" });
    expect(row!.ratedAt).toBeGreaterThanOrEqual(t0);
    expect(await roomSession(thread)).toMatchObject({ rating: 4, ratingComment: "回复很耐心，就是有点慢", ratedAt: row!.ratedAt });

    // The agent's context panel shows the stars in the session history.
    const res = await api(`/api/context?thread=${encodeURIComponent(thread)}`, { token: agentToken });
    expect(res.status).toBe(200);
    const ctx = (await res.json()) as ThreadContext;
    expect(ctx.sessions.find((s) => s.id === sessionId)).toMatchObject({ rating: 4, ratingComment: "回复很耐心，就是有点慢" });

    // A second rating is refused, not overwritten.
    shopper.send({ type: "session.rate", sessionId, score: 1, comment: "改主意了" });
    expect((await shopper.next("error")).error).toMatchObject({ code: "conflict", message: "sessionId: this session was already rated" });
    await roomSettled(thread);
    expect((await d1Rows(thread))[0]).toMatchObject({ rating: 4, ratingComment: "回复很耐心，就是有点慢", ratedAt: row!.ratedAt });
    expect((await roomMessages(thread)).filter((m) => m.body.notice?.code === "rating.rated")).toHaveLength(1);
    // Nor can staff invite a rated session.
    agent.send({ type: "session.invite_rating", sessionId });
    expect((await agent.next("error")).error.message).toBe("sessionId: this session was already rated");
    [shopper, agent].forEach((c) => c.close());
  });

  it("stores a rating without a comment as none", async () => {
    const { shopper, agent, thread, sessionId } = await invitedThread();
    shopper.send({ type: "session.rate", sessionId, score: 5, comment: "   " });
    expect(await shopper.next("session.rating_saved")).toEqual({ type: "session.rating_saved", sessionId, score: 5 });
    const { message } = await agent.next("message.created", noticeIs("rating.rated"));
    expect(message.body.rating).toEqual({ sessionId, score: 5 });
    expect((await d1Rows(thread))[0]).toMatchObject({ rating: 5, ratingComment: null });
    [shopper, agent].forEach((c) => c.close());
  });

  it("refuses a rating from staff", async () => {
    const { shopper, agent, thread, sessionId } = await invitedThread();
    agent.send({ type: "session.rate", sessionId, score: 5 });
    expect((await agent.next("error")).error).toMatchObject({ code: "forbidden", message: "only the shopper rates a session" });
    await expectNothingRated(thread);
    [shopper, agent].forEach((c) => c.close());
  });

  it("refuses invalid scores and comments, naming the field, and stores nothing", async () => {
    const { shopper, agent, thread, sessionId } = await invitedThread();
    const cases: [Record<string, unknown>, string][] = [
      [{ score: 0 }, "score"],
      [{ score: 6 }, "score"],
      [{ score: 2.5 }, "score"],
      [{ score: "4" }, "score"],
      [{ score: 4, comment: "好".repeat(201) }, "comment"],
      [{ score: 4, comment: 42 }, "comment"],
    ];
    for (const [fields, field] of cases) {
      shopper.send({ type: "session.rate", sessionId, ...fields });
      const { error } = await shopper.next("error");
      expect(error.code, JSON.stringify(fields)).toBe("invalid_input");
      expect((error.details as { field: string }[])[0]?.field, JSON.stringify(fields)).toBe(field);
    }
    shopper.send({ type: "session.rate", score: 4 });
    expect(((await shopper.next("error")).error.details as { field: string }[])[0]?.field).toBe("sessionId");
    await expectNothingRated(thread);
    // The invitation still stands: a valid rating goes through afterwards.
    shopper.send({ type: "session.rate", sessionId, score: 3 });
    expect((await shopper.next("session.rating_saved")).score).toBe(3);
    [shopper, agent].forEach((c) => c.close());
  });

  it("refuses a session that was not invited, an unknown one, an older one and an expired invitation", async () => {
    // Not invited: the agent is still serving.
    const open = await servedThread();
    open.shopper.send({ type: "session.rate", sessionId: open.sessionId, score: 5 });
    expect((await open.shopper.next("error")).error).toMatchObject({ code: "conflict", details: [{ field: "sessionId", message: "this session was not offered for rating" }] });
    await expectNothingRated(open.thread);
    [open.shopper, open.agent].forEach((c) => c.close());

    // Unknown session, then an older one: a new session began after the invitation.
    const old = await invitedThread();
    old.shopper.send({ type: "session.rate", sessionId: "ss_someone_else", score: 5 });
    expect((await old.shopper.next("error")).error).toMatchObject({ code: "invalid_input", details: [{ field: "sessionId", message: "not the thread's latest session" }] });
    await say(old.shopper, old.thread, "还有一个问题");
    expect((await roomSession(old.thread))!.id).not.toBe(old.sessionId);
    old.shopper.send({ type: "session.rate", sessionId: old.sessionId, score: 5 });
    expect((await old.shopper.next("error")).error).toMatchObject({ code: "invalid_input", details: [{ field: "sessionId", message: "not the thread's latest session" }] });
    await expectNothingRated(old.thread);
    [old.shopper, old.agent].forEach((c) => c.close());

    // Expired: invited more than 24 hours ago.
    const late = await invitedThread();
    await runInDurableObject(await stub(late.thread), (room) => {
      const s = room.store.session()!;
      room.store.saveSession({ ...s, ratingInvitedAt: Date.now() - RATING_WINDOW_MS - 60_000 });
    });
    late.shopper.send({ type: "session.rate", sessionId: late.sessionId, score: 2 });
    expect((await late.shopper.next("error")).error).toMatchObject({ code: "conflict", message: "sessionId: the invitation to rate this session expired (24 hours)" });
    await expectNothingRated(late.thread);
    [late.shopper, late.agent].forEach((c) => c.close());
  });

  it("survives a reconnect and a restart: history shows the card rated", async () => {
    const { customer, shopper, agent, thread, sessionId, invitation } = await invitedThread();
    shopper.send({ type: "session.rate", sessionId, score: 4, comment: "不错" });
    await shopper.next("session.rating_saved");
    const rated = (await shopper.next("message.created", noticeIs("rating.rated"))).message;
    [shopper, agent].forEach((c) => c.close());

    await abortAllDurableObjects();
    const again = await connect(thread, await shopperToken(customer, "评价测试"));
    const joined = await again.next("room.joined");
    expect(joined.session).toMatchObject({ id: sessionId, status: "resolved", rating: 4, ratingInvitedAt: invitation.createdAt, personServed: true });
    const synced = await again.next("messages.synced");
    expect(synced.messages.find((m) => m.seq === invitation.seq)?.body).toEqual(invitation.body);
    expect(synced.messages.find((m) => m.seq === rated.seq)?.body.rating).toEqual({ sessionId, score: 4, comment: "不错" });
    // Still once only.
    again.send({ type: "session.rate", sessionId, score: 5 });
    expect((await again.next("error")).error.code).toBe("conflict");
    expect((await d1Rows(thread))[0]).toMatchObject({ rating: 4, ratingComment: "不错" });
    again.close();
  });
});
