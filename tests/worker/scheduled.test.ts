/**
 * The cron trigger: the Worker's own `scheduled` handler, called with a ScheduledController,
 * prunes webhook receipts, dead letters, finished notices, login counters and staff accounts'
 * thread visits past their retention, keeps everything younger, and sends outbox notices a failed enqueue left behind.
 */
import { env } from "cloudflare:workers";
import { createScheduledController } from "cloudflare:test";
import { inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { DEAD_LETTER_RETENTION_MS, LOGIN_ATTEMPT_RETENTION_MS, NOTICE_RETENTION_MS, OUTBOX_SWEEP_AFTER_MS, RECEIPT_RETENTION_MS, STAFF_VISIT_RETENTION_MS } from "../../core/domain/retention";
import { shipmentNoticeId } from "../../core/domain/proactive";
import worker from "../../worker/index";
import { deadLetters, loginAttempts, proactiveNotices, staffRoomVisits, webhookReceipts } from "../../worker/db/schema";
import { seedFixture } from "../helpers/fixtures";
import { createOrder, db, noticeRow, setShopHour, step, threadNotices, waitFor } from "../helpers/proactive";

const DAY = 86_400_000;
const MIN = 60_000;

beforeAll(async () => {
  await seedFixture();
  await setShopHour("apparel", 12);
});

/** What the cron trigger does every 10 minutes (wrangler.toml `[triggers]`). */
function runCron(scheduledTime: number): Promise<void> {
  return worker.scheduled(createScheduledController({ scheduledTime, cron: "*/10 * * * *" }), env);
}

/** An outbox row for a real order (so the sweep's message can be delivered). */
async function notice(status: string, ages: { created: number; updated?: number }, now: number) {
  const { orderId, customerId, threadId } = await createOrder("apparel");
  const s = step("apparel", orderId, "delivered", now - ages.created);
  const id = shipmentNoticeId("apparel", s.id);
  await db.insert(proactiveNotices).values({
    id, kind: "shipment", shopId: "apparel", customerId, orderId, sourceId: s.id, code: "shipment.delivered",
    params: { orderId, carrier: s.carrier, trackingNo: s.trackingNo, description: s.description }, occurredAt: s.occurredAt,
    status, createdAt: now - ages.created, updatedAt: now - (ages.updated ?? ages.created),
  }).run();
  return { id, threadId };
}

describe("scheduled maintenance", () => {
  it("prunes receipts, dead letters and finished notices past retention and keeps the rest", async () => {
    const now = Date.now();
    await db.insert(webhookReceipts).values([
      { id: "r-old", topic: "order.upserted", receivedAt: now - RECEIPT_RETENTION_MS - MIN },
      { id: "r-edge", topic: "order.upserted", receivedAt: now - RECEIPT_RETENTION_MS + MIN },
      { id: "r-new", topic: "batch", receivedAt: now },
    ]).run();
    await db.insert(deadLetters).values([
      { id: "dl-old", queue: "kefu-proactive-dlq", body: {}, reason: "max_retries", diedAt: now - DEAD_LETTER_RETENTION_MS - MIN },
      { id: "dl-new", queue: "kefu-proactive-dlq", body: {}, reason: "max_retries", diedAt: now - DEAD_LETTER_RETENTION_MS + DAY },
    ]).run();
    const oldDelivered = await notice("delivered", { created: NOTICE_RETENTION_MS + DAY }, now);
    const oldDead = await notice("dead", { created: NOTICE_RETENTION_MS + DAY }, now);
    const recentDelivered = await notice("delivered", { created: 10 * DAY }, now);
    const oldDeferred = await notice("deferred", { created: NOTICE_RETENTION_MS + DAY }, now);

    await runCron(now);

    const receipts = await db.select({ id: webhookReceipts.id }).from(webhookReceipts).where(inArray(webhookReceipts.id, ["r-old", "r-edge", "r-new"])).all();
    expect(receipts.map((r) => r.id).sort()).toEqual(["r-edge", "r-new"]);
    const letters = await db.select({ id: deadLetters.id }).from(deadLetters).where(inArray(deadLetters.id, ["dl-old", "dl-new"])).all();
    expect(letters.map((r) => r.id)).toEqual(["dl-new"]);
    expect(await noticeRow(oldDelivered.id)).toBeUndefined();
    expect(await noticeRow(oldDead.id)).toBeUndefined();
    expect(await noticeRow(recentDelivered.id)).toBeDefined();
    // Not final: a deferred notice is still on its way, whatever its age.
    expect(await noticeRow(oldDeferred.id)).toBeDefined();
  });

  it("forgets login counters nobody touched for a day, keeps recent ones and addresses still known", async () => {
    const now = Date.now();
    const stale = now - LOGIN_ATTEMPT_RETENTION_MS - MIN;
    await db.insert(loginAttempts).values([
      { email: "stale@shop.demo 203.0.113.9", failures: 3, lockedUntil: 0, updatedAt: stale },
      { email: "recent@shop.demo", failures: 4, lockedUntil: now + MIN, updatedAt: now - MIN },
      { email: "agent@shop.demo 203.0.113.10", failures: 0, lockedUntil: 0, updatedAt: stale, knownUntil: now + DAY },
      { email: "agent@shop.demo 203.0.113.11", failures: 0, lockedUntil: 0, updatedAt: stale, knownUntil: now - MIN },
    ]).run();

    await runCron(now);

    const emails = ["stale@shop.demo 203.0.113.9", "recent@shop.demo", "agent@shop.demo 203.0.113.10", "agent@shop.demo 203.0.113.11"];
    const left = await db.select({ email: loginAttempts.email }).from(loginAttempts).where(inArray(loginAttempts.email, emails)).all();
    expect(left.map((r) => r.email).sort()).toEqual(["agent@shop.demo 203.0.113.10", "recent@shop.demo"]);
  });

  it("forgets the threads a staff account opened longer ago than the visit retention, and keeps the recent ones", async () => {
    const now = Date.now();
    await db.insert(staffRoomVisits).values([
      { staffId: "staff-visits", threadId: "apparel:c-old", lastAt: now - STAFF_VISIT_RETENTION_MS - MIN },
      { staffId: "staff-visits", threadId: "apparel:c-recent", lastAt: now - STAFF_VISIT_RETENTION_MS + MIN },
    ]).run();

    await runCron(now);

    const left = await db.select({ threadId: staffRoomVisits.threadId }).from(staffRoomVisits).where(inArray(staffRoomVisits.staffId, ["staff-visits"])).all();
    expect(left.map((r) => r.threadId)).toEqual(["apparel:c-recent"]);
  });

  it("sends notices a failed enqueue left pending, and leaves fresh ones to their webhook", async () => {
    const now = Date.now();
    const stranded = await notice("pending", { created: OUTBOX_SWEEP_AFTER_MS + 4 * MIN }, now);
    const fresh = await notice("pending", { created: 5_000 }, now);

    await runCron(now);

    expect((await noticeRow(fresh.id))?.status).toBe("pending");
    await waitFor(async () => (await noticeRow(stranded.id))?.status === "delivered", "the swept notice's delivery");
    expect((await threadNotices(stranded.threadId)).map((m) => m.clientId)).toEqual([stranded.id]);
  });
});
