/**
 * How long operational rows are kept; the scheduled handler prunes what is older.
 */
const DAY = 86_400_000;

/**
 * Webhook receipts. The signature check already refuses a captured request after the 5-minute
 * replay window (`REPLAY_WINDOW_MS`); past that a receipt only deduplicates the mall's own
 * retries, which are re-signed and may come hours later. A day (288 windows) covers any sane
 * retry schedule; a delivery re-sent after that is applied again, which the upserts' ordering and
 * the facts' ids make harmless (and its parcel steps make no second notice).
 */
export const RECEIPT_RETENTION_MS = DAY;

/** Dead letters stay listed for operators this long, replayed or not. */
export const DEAD_LETTER_RETENTION_MS = 30 * DAY;

/** Proactive notices in a final state (delivered, skipped, capped, dead). Outcomes are kept. */
export const NOTICE_RETENTION_MS = 90 * DAY;

/**
 * Login counters (core/domain/lockout.ts): failures further apart than the lockout window no
 * longer add up, and a lock lasts as long, so a counter untouched for a day says nothing, unless
 * it still marks a known address (kept until that lapses).
 */
export const LOGIN_ATTEMPT_RETENTION_MS = DAY;

/**
 * Which threads a staff account opened sockets in (so disabling it closes them all). A console
 * reconnects, and so records the thread again, whenever its network changes or the tab wakes; a
 * socket held open without a reconnect for longer is closed only when it next writes
 * (docs/security.md).
 */
export const STAFF_VISIT_RETENTION_MS = 7 * DAY;

/** A notice still `pending` this long after its webhook was not enqueued: the sweep sends it. */
export const OUTBOX_SWEEP_AFTER_MS = 60_000;
