/**
 * Shapes of the HTTP answers the web reads. The worker's types are not imported: the web's
 * tsconfig sees only `core/`, so these mirror worker/routes and stay as narrow as the UI needs.
 */
import type { CustomerLevel, SessionInfo, StaffRole } from "../../../core/protocol";

export interface StaffProfile {
  id: string;
  shopId: string;
  name: string;
  email: string;
  role: StaffRole;
}

export interface LoginResponse {
  token: string;
  expiresAt: number;
  staff: StaffProfile;
  /** This browser's device token, sent with later logins (it spares them the account-wide lockout). */
  device: string;
  /** The shop requires two-factor login and it is not on: the session can only set it up. */
  twoFactorSetupRequired: boolean;
  /** An admin set the password: the session can only change it (and set up two-factor login). */
  passwordChangeRequired: boolean;
}

export type SessionStatus = SessionInfo["status"];

/** One row of `GET /api/threads` for staff: the thread's latest session and its customer. */
export interface ThreadRow {
  threadId: string;
  shopId: string;
  customer: { id: string; name: string; level: CustomerLevel };
  session: { id: string; status: SessionStatus; channel: string; entryType: string | null; entryId: string | null; lastMessageAt: number; openedAt: number };
}

export interface ThreadSummary {
  unread: { customer: number; agent: number };
}

/** `GET /api/threads/:id/messages`; the messages are validated with `ChatMessage` on arrival. */
export interface HistoryPage {
  messages: unknown;
  hasOlder: boolean;
}

export interface UploadResult {
  key: string;
}

export interface DemoCustomer {
  id: string;
  name: string;
  level: CustomerLevel;
}

export interface ShopperTokenResponse {
  token: string;
  expiresAt: number;
  /** Guests only: the fresh `g_` id. */
  customerId?: string;
}

export interface MeResponse {
  identity: { kind: "customer"; customerId: string } | { kind: "staff" };
}

export interface ShopInfo {
  id: string;
  name: string;
  nameEn: string;
  /** The shop's mailbox (`GET /api/shops/{id}` only), null when the deployment takes no mail. */
  serviceEmail?: string | null;
}

export interface ProductInfo {
  id: string;
  title: string;
  titleEn: string;
  category: string;
  priceCents: number;
  stock: number;
}

/** `GET /api/admin/proactive/outcomes`: one row per day (UTC+8), kind and outcome that had any. */
export interface ProactiveOutcomeRow {
  day: string;
  /** `shipment` (物流通知), `price_drop` (降价提醒), `campaign` (营销触达). */
  kind: string;
  /** `delivered`, `skipped_opt_out`, `capped`, `deferred`. */
  outcome: string;
  count: number;
}

export interface ProactiveOutcomes {
  days: number;
  outcomes: ProactiveOutcomeRow[];
}

/** `GET /api/admin/dead-letters`: a proactive notice that failed every retry (or a body that could not be read). */
export interface DeadLetter {
  id: string;
  queue: string;
  shopId: string | null;
  noticeId: string | null;
  /** `max_retries` (replayable) or `invalid` (nothing to replay). */
  reason: string;
  lastError: string | null;
  deaths: number;
  diedAt: number;
  replayedAt: number | null;
  /** The queue message: `{ type, customerId, code, params, … }` when it was one. */
  body: unknown;
}
