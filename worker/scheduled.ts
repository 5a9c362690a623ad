/**
 * The cron trigger's work (wrangler.toml `[triggers]`, every 10 minutes): send the campaigns
 * whose time has come (worker/services/campaigns.ts) and queue their notices, send outbox notices a
 * failed enqueue left behind, and prune webhook receipts, dead letters and finished notices
 * past their retention, stale login-failure counters and staff accounts' old thread visits (core/domain/retention.ts),
 * close tickets resolved longer ago than the shopper's answer window (worker/services/tickets/auto-close.ts),
 * record in their logs the tickets that fell due (worker/services/tickets/overdue.ts),
 * roll up the service report's ended days (worker/services/analytics-rollup.ts),
 * and during a TWO_FACTOR_KEY rotation seal the two-factor secrets again under the new key. Each step runs even if another failed.
 */
import { DEAD_LETTER_RETENTION_MS, LOGIN_ATTEMPT_RETENTION_MS, NOTICE_RETENTION_MS, RECEIPT_RETENTION_MS, STAFF_VISIT_RETENTION_MS } from "../core/domain/retention";
import { database } from "./db/client";
import { pruneDeadLetters } from "./db/repos/dead-letters";
import { pruneNotices } from "./db/repos/proactive-notices";
import { pruneReceipts } from "./db/repos/mall-sync";
import { pruneLoginAttempts, pruneStaffVisits } from "./db/repos/staff";
import { rollUpReportDays } from "./services/analytics-rollup";
import { sendDueCampaigns } from "./services/campaigns";
import { dispatchStoredNotices, sweepOutbox } from "./services/proactive/dispatch";
import { autoCloseTickets } from "./services/tickets/auto-close";
import { recordOverdueTickets } from "./services/tickets/overdue";
import { resealTwoFactorSecrets } from "./services/two-factor";

export interface MaintenanceReport {
  /** Scheduled campaigns sent (their notices stored and handed to the queue). */
  campaignsSent: number | null;
  noticesSent: number | null;
  receiptsPruned: number | null;
  deadLettersPruned: number | null;
  noticesPruned: number | null;
  loginAttemptsPruned: number | null;
  staffVisitsPruned: number | null;
  /** Resolved tickets nobody answered within the answer window, closed by the system. */
  ticketsAutoClosed: number | null;
  /** Active tickets whose due time passed since the last run, logged `overdue` by the system. */
  ticketsMarkedOverdue: number | null;
  /** Scope-days (a shop's or every shop's UTC day) of the service report rolled up, or again after a change. */
  reportDaysRolledUp: number | null;
  /** Two-factor secrets sealed again under TWO_FACTOR_KEY (0 unless TWO_FACTOR_KEY_PREVIOUS is set). */
  twoFactorResealed: number | null;
}

async function step(name: string, run: () => Promise<number>): Promise<number | null> {
  try {
    return await run();
  } catch (err) {
    console.error(`scheduled ${name} failed`, (err as Error).message);
    return null;
  }
}

/** Runs every maintenance step at `now` (the controller's scheduled time). */
export async function runMaintenance(env: Env, now: number): Promise<MaintenanceReport> {
  const db = database(env.DB);
  return {
    campaignsSent: await step("campaign sending", async () => {
      const sent = await sendDueCampaigns(db, now);
      // Fresh notices are not the sweep's yet (it takes those a minute old): queued here.
      if (sent > 0) await dispatchStoredNotices(env, db, now);
      return sent;
    }),
    noticesSent: await step("outbox sweep", () => sweepOutbox(env, db, now)),
    receiptsPruned: await step("receipt pruning", () => pruneReceipts(db, now - RECEIPT_RETENTION_MS)),
    deadLettersPruned: await step("dead-letter pruning", () => pruneDeadLetters(db, now - DEAD_LETTER_RETENTION_MS)),
    noticesPruned: await step("notice pruning", () => pruneNotices(db, now - NOTICE_RETENTION_MS)),
    loginAttemptsPruned: await step("login-attempt pruning", () => pruneLoginAttempts(db, now - LOGIN_ATTEMPT_RETENTION_MS, now)),
    staffVisitsPruned: await step("staff-visit pruning", () => pruneStaffVisits(db, now - STAFF_VISIT_RETENTION_MS)),
    ticketsAutoClosed: await step("ticket auto-close", () => autoCloseTickets(db, now)),
    ticketsMarkedOverdue: await step("ticket overdue log", () => recordOverdueTickets(db, now)),
    reportDaysRolledUp: await step("report roll-up", () => rollUpReportDays(db, now)),
    twoFactorResealed: await step("two-factor key rotation", () => resealTwoFactorSecrets(env, db)),
  };
}
