/**
 * Faults on the proactive queue (issue 6: "a queue consumer that throws: retries, DLQ, no
 * duplicates"). Failures are injected where they happen in production: the thread's room
 * failing to store the notice (its storage patched inside the live object, as the D1 fault
 * tests patch the room's binding), or D1 unreachable for the consumer. Most tests use real
 * queue delivery (miniflare: max_retries 3, then `kefu-proactive-dlq`); the decision tests hand
 * the Worker's own queue handler a batch and read its ack/retry calls.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createMessageBatch, getQueueResult, runInDurableObject } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import { shipmentNoticeId } from "../../core/domain/proactive";
import worker from "../../worker/index";
import { noticeMessage, type NoticeRow } from "../../worker/db/repos/proactive-outbox";
import { deadLetters, proactiveNotices, staff } from "../../worker/db/schema";
import { hashPassword } from "../../worker/lib/password";
import { api, PASSWORD, seedFixture, STAFF, staffToken } from "../helpers/fixtures";
import { createOrder, db, noticeRow, outcomesOf, sendSteps, setShopHour, step, threadNotices, waitFor } from "../helpers/proactive";
import { brokenD1 } from "../helpers/broken-d1";

const ROOM_DOWN = "room storage unavailable";

/**
 * Makes the thread's room fail to store proactive notices `times` times (Infinity: until
 * `heal` is called). The room is created and patched in place; the queue's RPC reaches the
 * same live instance.
 */
async function breakRoom(threadId: string, times: number): Promise<{ heal: () => Promise<void>; failures: () => Promise<number> }> {
  const stub = await getServerByName(env.ConversationRoom, threadId);
  await runInDurableObject(stub, (room) => {
    const store = room.store as typeof room.store & { original?: typeof room.store.appendUnlessStored; failures?: number; left?: number };
    store.original ??= store.appendUnlessStored.bind(store);
    store.left = times;
    store.failures = 0;
    store.appendUnlessStored = (m) => {
      if (m.sender.id === "proactive" && store.left! > 0) {
        store.left!--;
        store.failures!++;
        throw new Error(ROOM_DOWN);
      }
      return store.original!(m);
    };
  });
  return {
    heal: () => runInDurableObject(stub, (room) => void ((room.store as unknown as { left: number }).left = 0)),
    failures: () => runInDurableObject(stub, (room) => (room.store as unknown as { failures: number }).failures),
  };
}

/** A platform admin (the shared fixture has none). */
async function platformAdminToken(): Promise<string> {
  const email = "p0@platform.test";
  await db.insert(staff).values({ id: "st-p0", shopId: "platform", email, role: "platform_admin", name: "平台管理员", passwordHash: await hashPassword(PASSWORD), createdAt: Date.now() }).onConflictDoNothing().run();
  return staffToken(email);
}

const deadLetter = (id: string) => db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();

/** A notice row as the outbox holds it once claimed, without sending it anywhere. */
async function claimedNotice(shopId: string, status = "delivered"): Promise<{ row: NoticeRow; threadId: string }> {
  const { orderId, customerId, threadId } = await createOrder(shopId);
  const s = step(shopId, orderId, status);
  const now = Date.now();
  const [row] = await db
    .insert(proactiveNotices)
    .values({
      id: shipmentNoticeId(shopId, s.id), kind: "shipment", shopId, customerId, orderId, sourceId: s.id, code: `shipment.${status}`,
      params: { orderId, carrier: s.carrier, trackingNo: s.trackingNo, description: s.description }, occurredAt: s.occurredAt,
      status: "enqueued", createdAt: now, enqueuedAt: now, updatedAt: now,
    })
    .returning();
  return { row: row!, threadId };
}

let seq = 0;
const queued = (body: unknown, attempts = 1) => ({ id: `m${++seq}-${crypto.randomUUID().slice(0, 8)}`, timestamp: new Date(), attempts, body });

/** Runs the Worker's queue handler on a batch and returns its ack/retry decisions. */
async function runBatch(queue: string, messages: ReturnType<typeof queued>[], bindings: Env = env) {
  const batch = createMessageBatch(queue, messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings);
  return getQueueResult(batch, ctx);
}

beforeAll(async () => {
  await seedFixture();
  await setShopHour("apparel", 12);
  await setShopHour("electronics", 12);
});

describe("faults: the proactive consumer throws", () => {
  it("retries a notice whose thread fails twice, then shows it exactly once", async () => {
    const { orderId, threadId } = await createOrder("apparel");
    const room = await breakRoom(threadId, 2);
    const s = step("apparel", orderId, "out_for_delivery");
    await sendSteps(s);
    const id = shipmentNoticeId("apparel", s.id);

    const row = await waitFor(async () => ((await noticeRow(id))?.status === "delivered" ? noticeRow(id) : null), "delivery after two failures");
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(await room.failures()).toBe(2);
    const notices = await threadNotices(threadId);
    expect(notices.map((m) => m.clientId)).toEqual([id]);
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(["delivered"]);
  });

  it("moves a notice that always fails to the dead-letter table; an admin replay delivers it once", async () => {
    const { orderId, threadId } = await createOrder("apparel");
    const room = await breakRoom(threadId, Infinity);
    const s = step("apparel", orderId, "exception");
    await sendSteps(s);
    const id = shipmentNoticeId("apparel", s.id);

    // Four attempts (max_retries = 3), then the dead-letter queue's consumer records it.
    const dead = await waitFor(() => deadLetter(id), "the dead letter", 18_000);
    expect(dead).toMatchObject({ queue: "kefu-proactive-dlq", shopId: "apparel", noticeId: id, reason: "max_retries", lastError: ROOM_DOWN, deaths: 1, replayedAt: null });
    expect(await noticeRow(id)).toMatchObject({ status: "dead", attempts: 4 });
    expect(await room.failures()).toBe(4);
    expect(await threadNotices(threadId)).toHaveLength(0);

    const admin = await staffToken(STAFF.apparelAdmin.email);
    const list = (await (await api("/api/admin/dead-letters", { token: admin })).json()) as { deadLetters: { id: string; lastError: string; body: { orderId: string } }[] };
    expect(list.deadLetters.find((d) => d.id === id)).toMatchObject({ lastError: ROOM_DOWN, body: { orderId } });
    expect((await api("/api/admin/dead-letters?shop=electronics", { token: admin })).status).toBe(403);
    expect((await api("/api/admin/dead-letters", { token: await staffToken(STAFF.apparelAgent.email) })).status).toBe(403);
    expect((await api(`/api/admin/dead-letters/${id}/replay?shop=electronics`, { method: "POST", token: admin })).status).toBe(403);
    expect((await api("/api/admin/dead-letters/nope/replay", { method: "POST", token: admin })).status).toBe(404);

    await room.heal();
    const replay = await api(`/api/admin/dead-letters/${id}/replay`, { method: "POST", token: admin });
    expect(replay.status).toBe(200);
    await waitFor(async () => (await noticeRow(id))?.status === "delivered", "delivery after the replay");
    expect((await threadNotices(threadId)).map((m) => m.clientId)).toEqual([id]);
    expect((await deadLetter(id))?.replayedAt).not.toBeNull();
    const open = (await (await api("/api/admin/dead-letters?state=open", { token: admin })).json()) as { deadLetters: { id: string }[] };
    expect(open.deadLetters.map((d) => d.id)).not.toContain(id);
  });

  it("shows the notice once when the queue delivers it again after a crash between posting and the ack", async () => {
    const { orderId, threadId } = await createOrder("apparel");
    const s = step("apparel", orderId, "delivered");
    await sendSteps(s);
    const id = shipmentNoticeId("apparel", s.id);
    const first = await waitFor(async () => ((await noticeRow(id))?.status === "delivered" ? noticeRow(id) : null), "first delivery");

    // The consumer died after the room stored the notice: D1 never learned, the queue redelivers.
    await db.update(proactiveNotices).set({ status: "enqueued", updatedAt: 0 }).where(eq(proactiveNotices.id, id)).run();
    await env.PROACTIVE_QUEUE.send(noticeMessage(first!), { contentType: "json" });
    const again = await waitFor(async () => ((await noticeRow(id))?.updatedAt ?? 0) > 0 && noticeRow(id), "the redelivery");
    expect(again).toMatchObject({ status: "delivered", messageSeq: first!.messageSeq });
    expect((await threadNotices(threadId)).map((m) => m.clientId)).toEqual([id]);
    expect((await outcomesOf(id)).map((o) => o.outcome)).toEqual(["delivered"]);
  });
});

describe("faults: the consumer's ack and retry decisions", () => {
  it("acks delivered, duplicate and unreadable messages one by one, and retries only the failing one", async () => {
    const good = await claimedNotice("electronics");
    const failing = await claimedNotice("electronics");
    await breakRoom(failing.threadId, Infinity);
    const messages = [queued(noticeMessage(good.row)), queued(noticeMessage(good.row)), queued({ type: "shipment_notice", noticeId: "nope" }), queued(noticeMessage(failing.row), 2)];

    const result = await runBatch("kefu-proactive", messages);
    expect(result.ackAll).toBe(false);
    expect(result.retryBatch.retry).toBe(false);
    expect(result.explicitAcks).toEqual([messages[0]!.id, messages[1]!.id, messages[2]!.id]);
    expect(result.retryMessages).toEqual([{ msgId: messages[3]!.id }]);

    expect((await threadNotices(good.threadId)).map((m) => m.clientId)).toEqual([good.row.id]);
    expect(await threadNotices(failing.threadId)).toHaveLength(0);
    expect(await noticeRow(failing.row.id)).toMatchObject({ status: "enqueued", attempts: 2, lastError: ROOM_DOWN });
    expect(await deadLetter(`msg_${messages[2]!.id}`)).toMatchObject({ reason: "invalid", shopId: null, body: { noticeId: "nope" } });

    // A letter naming no shop is for platform admins only.
    const listed = async (token: string) => ((await (await api("/api/admin/dead-letters?state=all", { token })).json()) as { deadLetters: { id: string }[] }).deadLetters.map((d) => d.id);
    expect(await listed(await platformAdminToken())).toContain(`msg_${messages[2]!.id}`);
    expect(await listed(await staffToken(STAFF.apparelAdmin.email))).not.toContain(`msg_${messages[2]!.id}`);
  });

  it("retries every message while D1 is unreachable, and delivers nothing", async () => {
    const n = await claimedNotice("electronics");
    const messages = [queued(noticeMessage(n.row))];
    const result = await runBatch("kefu-proactive", messages, { ...env, DB: brokenD1 });
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toEqual([{ msgId: messages[0]!.id }]);
    expect(await threadNotices(n.threadId)).toHaveLength(0);
  });

  it("applies the configured daily cap in message order within a batch", async () => {
    const a = await claimedNotice("electronics");
    const customerId = a.row.customerId;
    const rows = [a.row];
    for (let i = 0; i < 2; i++) {
      const { orderId } = await createOrder("electronics", { customerId });
      const s = step("electronics", orderId, "delivered");
      const [row] = await db
        .insert(proactiveNotices)
        .values({ ...a.row, id: shipmentNoticeId("electronics", s.id), orderId, sourceId: s.id, params: { ...a.row.params, orderId } })
        .returning();
      rows.push(row!);
    }
    const messages = rows.map((r) => queued(noticeMessage(r)));
    const result = await runBatch("kefu-proactive", messages, { ...env, PROACTIVE_DAILY_CAP: "2" });
    expect(result.explicitAcks).toHaveLength(3);
    expect(await Promise.all(rows.map(async (r) => (await noticeRow(r.id))?.status))).toEqual(["delivered", "delivered", "capped"]);
    expect(await threadNotices(a.threadId)).toHaveLength(2);
  });

  it("records a dead letter from the dead-letter queue and retries it while D1 is down", async () => {
    const n = await claimedNotice("electronics");
    const messages = [queued(noticeMessage(n.row), 1)];
    expect((await runBatch("kefu-proactive-dlq", messages, { ...env, DB: brokenD1 })).retryMessages).toEqual([{ msgId: messages[0]!.id }]);
    const ok = await runBatch("kefu-proactive-dlq", messages);
    expect(ok.explicitAcks).toEqual([messages[0]!.id]);
    expect(await deadLetter(n.row.id)).toMatchObject({ reason: "max_retries", shopId: "electronics", deaths: 1 });
    expect((await noticeRow(n.row.id))?.status).toBe("dead");
    // Dying again after a replay counts up on the same row.
    await runBatch("kefu-proactive-dlq", [queued(noticeMessage(n.row), 1)]);
    expect((await deadLetter(n.row.id))?.deaths).toBe(2);
  });

  it("retries a batch from a queue it does not know", async () => {
    const result = await runBatch("kefu-unknown", [queued({ any: 1 })]);
    expect(result.retryBatch.retry).toBe(true);
  });
});
