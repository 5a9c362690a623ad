/**
 * Delivers one proactive notice (a parcel step, a price drop): load the facts, let the pure policy decide, carry it out, and
 * record the outcome. Idempotent: the notice id is the room message's clientId, so a message
 * delivered again (a crash between posting and the queue's ack, a duplicate send, a replay)
 * returns the message already in the thread instead of adding one.
 */
import * as v from "valibot";
import { getServerByName } from "partyserver";
import { decideNotice, localDayStart, type NoticeOutcome } from "../../../core/domain/proactive";
import { BusinessHours, DEFAULT_TIME_ZONE } from "../../../core/domain/routing";
import { threadIdOf } from "../../../core/protocol";
import type { ProactiveMessage } from "../../../core/protocol/proactive";
import type { Database } from "../../db/client";
import { insertNoticeFromMessage, loadNoticeFacts, markDeferred, markDelivered, markSkipped } from "../../db/repos/proactive-notices";
import type { ProactiveSettings } from "./settings";

/** Who proactive notices come from in the thread (a sender id of their own keeps their clientIds apart). */
export const PROACTIVE_SENDER = { role: "system", id: "proactive", name: "system" } as const;

/** Deliveries are read back this far: enough to count "today" in any shop's zone. */
const LOOKBACK_MS = 2 * 86_400_000;

/** States a redelivered notice stops at: it has had its outcome. */
const FINAL_STATUSES = new Set(["delivered", "skipped_opt_out", "capped"]);

export type DeliveryOutcome = NoticeOutcome | "duplicate";

export interface DeliverContext {
  env: Pick<Env, "ConversationRoom" | "PROACTIVE_QUEUE">;
  db: Database;
  settings: ProactiveSettings;
  /** The queue's attempt number of this message (1 = first). */
  attempts: number;
  now: number;
}

function timeZoneOf(hours: unknown): string {
  const parsed = v.safeParse(BusinessHours, hours);
  return parsed.success ? parsed.output.timeZone : DEFAULT_TIME_ZONE;
}

/** Decides and carries out one notice; throws when the thread or D1 cannot be reached (the queue retries). */
export async function deliverNotice(m: ProactiveMessage, c: DeliverContext): Promise<DeliveryOutcome> {
  const facts = await loadNoticeFacts(c.db, m, c.now - LOOKBACK_MS);
  if (facts.notice && FINAL_STATUSES.has(facts.notice.status)) return "duplicate";
  if (!facts.notice) await insertNoticeFromMessage(c.db, m, c.now);
  const timeZone = timeZoneOf(facts.shopHours);
  const dayStart = localDayStart(c.now, timeZone);
  const deliveredToday = facts.deliveredAt.filter((at) => at >= dayStart).length;

  const decision = decideNotice({
    now: c.now, timeZone, quietHours: c.settings.quietHours, optedOut: facts.optedOut, deliveredToday, dailyCap: c.settings.dailyCap,
  });
  if (decision.action === "skip") {
    await markSkipped(c.db, m, decision.outcome, c.attempts, c.now);
    return decision.outcome;
  }
  if (decision.action === "defer") {
    // A fresh message rather than msg.retry(): a deferral must not spend the message's retries.
    await c.env.PROACTIVE_QUEUE.send(m, { contentType: "json", delaySeconds: decision.delaySec });
    await markDeferred(c.db, m, decision.until, c.attempts, c.now);
    return "deferred";
  }
  const room = await getServerByName(c.env.ConversationRoom, threadIdOf(m.shopId, m.customerId));
  // The notice may be the first message of a thread the shopper only opened, where the mall's
  // revocation could not reach their socket (no session in D1): a socket opened with a revoked
  // token is closed before it could hear the news.
  if (facts.revokedAt !== null) await room.tokensRevoked(facts.revokedAt);
  const { message } = await room.post({
    clientId: m.noticeId,
    sender: { ...PROACTIVE_SENDER },
    kind: "system",
    body: { notice: { code: m.code, params: m.params } },
    channel: "api",
    entry: null,
  });
  await markDelivered(c.db, m, message.seq, c.attempts, c.now);
  return "delivered";
}
