/**
 * D1 schema (drizzle). Chat messages are not here: they live in each ConversationRoom's SQLite.
 * D1 holds the directory (shops, staff, customers), mall data, and one row per session.
 */
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { CampaignAudience } from "../../core/protocol/campaigns";
import type { QualityScores } from "../../core/domain/quality";

export const shops = sqliteTable("shops", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  category: text("category").notNull(),
  /** Weekly service hours (core/domain/routing BusinessHours); null = the default hours. */
  businessHours: text("business_hours", { mode: "json" }),
  /** The shop's admin requires two-factor login of its staff: an account without it can only set it up. */
  staffTwoFactorRequired: integer("staff_two_factor_required", { mode: "boolean" }).notNull().default(false),
  createdAt: integer("created_at").notNull(),
  /** Event time of the mall's last shop.upserted applied: an older push never overwrites a newer one. */
  updatedAt: integer("updated_at").notNull().default(0),
});

export const customers = sqliteTable("customers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  level: text("level").notNull().default("normal"),
  tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
  locale: text("locale").notNull().default("zh-CN"),
  /** The shopper declined proactive notices (the mall's `customer.upserted` sets it). */
  proactiveOptOut: integer("proactive_opt_out", { mode: "boolean" }).notNull().default(false),
  /**
   * The shopper's e-mail address as the mall knows it, lowercased (`customer.upserted`): an
   * authenticated mail from it joins this customer's threads (worker/services/email).
   */
  email: text("email"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
}, (t) => [
  index("customers_email").on(t.email),
  // The console's thread search by name: a prefix as a range on this index.
  index("customers_name").on(t.name),
]);

/**
 * Per shopper, the mall's latest `customer.tokens_revoked`: their tokens issued (`iat`) before
 * `revokedAt` are refused. No row for a customer the mall never revoked; a row outlives the
 * customers row (a shopper the mall never described can still be revoked).
 */
export const shopperTokenRevocations = sqliteTable("shopper_token_revocations", {
  customerId: text("customer_id").primaryKey(),
  /** Epoch ms on the mall's clock: tokens with an earlier `iat` second are refused. */
  revokedAt: integer("revoked_at").notNull(),
});

export const staff = sqliteTable(
  "staff",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    capacity: integer("capacity").notNull().default(5),
    seniority: integer("seniority").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    /** When an admin disabled the account (it left the shop): no login, no directory entry; kept for history. */
    disabledAt: integer("disabled_at"),
    /** The password was set by an admin (a new account, a reset): the account's sessions may only change it. */
    passwordChangeRequired: integer("password_change_required", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("staff_email").on(t.email), index("staff_shop").on(t.shopId)],
);

export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    /** The session's public id (the account's session list names it; the hash stays server-side). */
    id: text("id").notNull(),
    staffId: text("staff_id").notNull(),
    expiresAt: integer("expires_at").notNull(),
    createdAt: integer("created_at").notNull(),
    /** When the session last made a request, kept to the minute (`SEEN_PRECISION_MS`). */
    lastSeenAt: integer("last_seen_at").notNull(),
    /** The browser's User-Agent at login (cut to 256 characters) and the client address, to tell logins apart. */
    userAgent: text("user_agent"),
    address: text("address"),
  },
  (t) => [index("staff_sessions_staff").on(t.staffId), uniqueIndex("staff_sessions_id").on(t.id)],
);

/**
 * A staff account's second factor (an authenticator app, RFC 6238). The secret is sealed
 * (AES-GCM, key from `TWO_FACTOR_KEY`, the staff id as associated data); `enabledAt` is null while
 * set up but not yet confirmed with a code; `lastStep` is the time step of the last code used (a
 * code is accepted once); recovery codes are kept as SHA-256 hashes, a JSON array, each used once.
 */
export const staffTwoFactor = sqliteTable("staff_two_factor", {
  staffId: text("staff_id").primaryKey(),
  secretSealed: text("secret_sealed").notNull(),
  enabledAt: integer("enabled_at"),
  lastStep: integer("last_step").notNull().default(0),
  recoveryHashes: text("recovery_hashes").notNull().default("[]"),
  createdAt: integer("created_at").notNull(),
});

/**
 * The threads each staff account opened a socket in, with when it last did: when the account is
 * disabled, its sockets in all of them are closed, threads it only looked at included (D1 links it
 * to no session there). Pruned after `STAFF_VISIT_RETENTION_MS` (core/domain/retention.ts).
 */
export const staffRoomVisits = sqliteTable(
  "staff_room_visits",
  {
    staffId: text("staff_id").notNull(),
    threadId: text("thread_id").notNull(),
    lastAt: integer("last_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.threadId] }), index("staff_room_visits_last").on(t.lastAt)],
);

/**
 * Login counters for lockout (core/domain/lockout.ts), keyed by the e-mail (the account), by the
 * e-mail and a client address (a pair) or by the e-mail and a device token's hash (a device); a
 * pair or device also remembers until when it is known to the account.
 */
export const loginAttempts = sqliteTable("login_attempts", {
  email: text("email").primaryKey(),
  failures: integer("failures").notNull(),
  lockedUntil: integer("locked_until").notNull().default(0),
  updatedAt: integer("updated_at").notNull(),
  knownUntil: integer("known_until").notNull().default(0),
});

export const skillGroups = sqliteTable(
  "skill_groups",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    policy: text("policy").notNull().default("least_loaded"),
    fallbackGroupId: text("fallback_group_id"),
    maxWaitSec: integer("max_wait_sec").notNull().default(120),
    /** Sticky policy: how long a returning customer's session waits for their previous agent. */
    stickySec: integer("sticky_sec").notNull().default(300),
    /** What happens to an agent's chats when they drop offline: requeue or keep. */
    onAgentOffline: text("on_agent_offline").notNull().default("requeue"),
  },
  (t) => [uniqueIndex("skill_groups_shop_key").on(t.shopId, t.key)],
);

export const staffGroups = sqliteTable(
  "staff_groups",
  {
    staffId: text("staff_id").notNull(),
    groupId: text("group_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.groupId] })],
);

export const products = sqliteTable(
  "products",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    title: text("title").notNull(),
    titleEn: text("title_en").notNull(),
    category: text("category").notNull(),
    priceCents: integer("price_cents").notNull(),
    /** The price before the latest write of the product (a price drop is measured against it); null until a second write. */
    previousPriceCents: integer("previous_price_cents"),
    stock: integer("stock").notNull(),
    image: text("image"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("products_shop").on(t.shopId, t.category)],
);

export interface OrderItem {
  productId: string;
  title: string;
  category: string;
  qty: number;
  priceCents: number;
}

export const orders = sqliteTable(
  "orders",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    customerId: text("customer_id").notNull(),
    status: text("status").notNull(),
    totalCents: integer("total_cents").notNull(),
    items: text("items", { mode: "json" }).$type<OrderItem[]>().notNull(),
    createdAt: integer("created_at").notNull(),
    paidAt: integer("paid_at"),
    shippedAt: integer("shipped_at"),
    deliveredAt: integer("delivered_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("orders_customer").on(t.customerId, t.shopId, t.createdAt), index("orders_shop").on(t.shopId, t.createdAt)],
);

export const shipmentEvents = sqliteTable(
  "shipment_events",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    shopId: text("shop_id").notNull(),
    carrier: text("carrier").notNull(),
    trackingNo: text("tracking_no").notNull(),
    status: text("status").notNull(),
    description: text("description").notNull(),
    location: text("location"),
    occurredAt: integer("occurred_at").notNull(),
  },
  (t) => [index("shipment_events_order").on(t.orderId, t.occurredAt)],
);

export const carts = sqliteTable(
  "carts",
  {
    customerId: text("customer_id").notNull(),
    shopId: text("shop_id").notNull(),
    productId: text("product_id").notNull(),
    qty: integer("qty").notNull(),
    addedAt: integer("added_at").notNull(),
  },
  // By product: who has it in their cart when its price drops; by shop: a campaign's audience.
  (t) => [primaryKey({ columns: [t.customerId, t.productId] }), index("carts_customer").on(t.customerId, t.shopId), index("carts_product").on(t.productId), index("carts_shop").on(t.shopId)],
);

/**
 * The version of a customer's cart in a shop: the event time of the last cart.updated applied.
 * Kept apart from the lines so an emptied cart still remembers it, and an older snapshot
 * arriving late cannot bring lines back.
 */
export const cartSnapshots = sqliteTable(
  "cart_snapshots",
  {
    customerId: text("customer_id").notNull(),
    shopId: text("shop_id").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.shopId] })],
);

export const browsingEvents = sqliteTable(
  "browsing_events",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    shopId: text("shop_id").notNull(),
    productId: text("product_id").notNull(),
    channel: text("channel").notNull(),
    occurredAt: integer("occurred_at").notNull(),
  },
  (t) => [
    index("browsing_customer").on(t.customerId, t.occurredAt),
    index("browsing_customer_shop").on(t.customerId, t.shopId, t.occurredAt),
    // By product: who looked at it lately when its price drops; by shop: a campaign's audience.
    index("browsing_product").on(t.productId, t.occurredAt),
    index("browsing_shop").on(t.shopId, t.occurredAt),
  ],
);

/**
 * One row per session (一次咨询), written at few transitions: open, hand-off/assign, first human
 * reply, resolve. Every timestamp the metrics need is a column.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    customerId: text("customer_id").notNull(),
    threadId: text("thread_id").notNull(),
    channel: text("channel").notNull(),
    entryType: text("entry_type"),
    entryId: text("entry_id"),
    /** The opening message's detected intent (hot topics); null when it had no text. */
    topic: text("topic"),
    status: text("status").notNull(),
    openedAt: integer("opened_at").notNull(),
    handedOffAt: integer("handed_off_at"),
    assignedAt: integer("assigned_at"),
    agentId: text("agent_id"),
    groupId: text("group_id"),
    firstResponseAt: integer("first_response_at"),
    lastMessageAt: integer("last_message_at").notNull(),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by"),
    closeReason: text("close_reason"),
    customerMessages: integer("customer_messages").notNull().default(0),
    agentMessages: integer("agent_messages").notNull().default(0),
    botMessages: integer("bot_messages").notNull().default(0),
    rating: integer("rating"),
    ratedAt: integer("rated_at"),
    /** The shopper's comment with their rating (满意度评价), at most 200 characters. */
    ratingComment: text("rating_comment"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("sessions_shop_opened").on(t.shopId, t.openedAt),
    // The platform's report of every shop reads a range of days across shops.
    index("sessions_opened").on(t.openedAt),
    index("sessions_thread").on(t.threadId, t.openedAt),
    index("sessions_customer").on(t.customerId, t.openedAt),
    // The report roll-ups' cron finds the days touched since its last run, covered: no row reads.
    index("sessions_updated").on(t.updatedAt, t.shopId, t.openedAt),
    // The report's latest rating comments, walked newest first with the range checked in the
    // index: the few commented sessions instead of every session of the range.
    index("sessions_shop_comments").on(t.shopId, t.ratedAt, t.openedAt).where(sql`${t.ratingComment} IS NOT NULL`),
    index("sessions_comments").on(t.ratedAt, t.openedAt).where(sql`${t.ratingComment} IS NOT NULL`),
    // 质检's list of one agent's consultations.
    index("sessions_agent").on(t.agentId, t.openedAt),
  ],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    actorId: text("actor_id").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details", { mode: "json" }),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_shop").on(t.shopId, t.at)],
);

/** Routing rules per shop, ordered; conditions and actions are validated JSON (core/domain/routing). */
export const routingRules = sqliteTable(
  "routing_rules",
  {
    id: text("id").notNull(),
    shopId: text("shop_id").notNull(),
    name: text("name").notNull(),
    position: integer("position").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
    conditions: text("conditions", { mode: "json" }).notNull(),
    actions: text("actions", { mode: "json" }).notNull(),
    updatedAt: integer("updated_at").notNull(),
    updatedBy: text("updated_by"),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.id] }), index("routing_rules_shop").on(t.shopId, t.position)],
);

/** Leave-a-message (留言) when nobody can take a chat; becomes a ticket once tickets exist. */
export const leaveMessages = sqliteTable(
  "leave_messages",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    customerId: text("customer_id").notNull(),
    threadId: text("thread_id").notNull(),
    sessionId: text("session_id"),
    text: text("text").notNull(),
    contact: text("contact"),
    status: text("status").notNull().default("open"),
    createdAt: integer("created_at").notNull(),
    handledBy: text("handled_by"),
    handledAt: integer("handled_at"),
  },
  (t) => [index("leave_messages_shop").on(t.shopId, t.status, t.createdAt), index("leave_messages_customer").on(t.customerId, t.createdAt)],
);

/**
 * Knowledge articles, scoped to the platform (`shop_id = 'platform'`) or one shop. `answer` is
 * the Markdown as written; `answer_html` is rendered and sanitised once, on write.
 */
export const knowledgeArticles = sqliteTable(
  "knowledge_articles",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    kind: text("kind").notNull(),
    question: text("question").notNull(),
    altQuestions: text("alt_questions", { mode: "json" }).$type<string[]>().notNull().default([]),
    answer: text("answer").notNull(),
    answerHtml: text("answer_html").notNull(),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    category: text("category"),
    productId: text("product_id"),
    status: text("status").notNull().default("draft"),
    validFrom: integer("valid_from"),
    validTo: integer("valid_to"),
    shownCount: integer("shown_count").notNull().default(0),
    helpfulCount: integer("helpful_count").notNull().default(0),
    notHelpfulCount: integer("not_helpful_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    createdBy: text("created_by"),
    updatedBy: text("updated_by"),
    embeddedAt: integer("embedded_at"),
  },
  (t) => [index("knowledge_shop").on(t.shopId, t.status, t.kind)],
);

/** Questions the bot could not answer (or answered and got "not helpful"), grouped by similarity. */
export const unansweredQuestions = sqliteTable(
  "unanswered_questions",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    question: text("question").notNull(),
    clusterKey: text("cluster_key").notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(1),
    examples: text("examples", { mode: "json" }).$type<string[]>().notNull().default([]),
    lastThreadId: text("last_thread_id"),
    firstAskedAt: integer("first_asked_at").notNull(),
    lastAskedAt: integer("last_asked_at").notNull(),
    status: text("status").notNull().default("open"),
    articleId: text("article_id"),
  },
  (t) => [uniqueIndex("unanswered_cluster").on(t.shopId, t.clusterKey), index("unanswered_shop").on(t.shopId, t.status, t.count)],
);

/** Canned replies: shop-level (`owner_staff_id` null) or an agent's own; `/shortcut` inserts them. */
export const cannedReplies = sqliteTable(
  "canned_replies",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    ownerStaffId: text("owner_staff_id"),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("canned_shop").on(t.shopId, t.ownerStaffId)],
);

/** Webhook deliveries already applied (idempotency and replay protection for the mall's pushes). */
export const webhookReceipts = sqliteTable(
  "webhook_receipts",
  {
    id: text("id").primaryKey(),
    topic: text("topic").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [index("webhook_receipts_received").on(t.receivedAt)],
);

/**
 * Proactive notices (a parcel step, a price drop, announced in the shopper's thread), one row per
 * notice: the outbox the webhook writes in the same batch as the fact, and then the notice's fate.
 * `id` is the room message's clientId, so a notice shows at most once: a parcel notice's is derived
 * from the step; a price drop's is drawn once per shopper when the drop is stored.
 */
export const proactiveNotices = sqliteTable(
  "proactive_notices",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull(),
    shopId: text("shop_id").notNull(),
    customerId: text("customer_id").notNull(),
    /** The order a parcel notice is about; '' for a notice about none (a price drop). */
    orderId: text("order_id").notNull(),
    /** The fact announced: a shipment event id, or the product whose price dropped. */
    sourceId: text("source_id").notNull(),
    code: text("code").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, string>>().notNull(),
    occurredAt: integer("occurred_at").notNull(),
    /** pending → enqueued (→ deferred) → delivered | skipped_opt_out | capped | dead */
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    deferredUntil: integer("deferred_until"),
    messageSeq: integer("message_seq"),
    createdAt: integer("created_at").notNull(),
    enqueuedAt: integer("enqueued_at"),
    deliveredAt: integer("delivered_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("proactive_notices_status").on(t.status, t.createdAt),
    index("proactive_notices_customer").on(t.customerId, t.status, t.deliveredAt),
    index("proactive_notices_order").on(t.orderId, t.occurredAt),
    // A campaign's notices by status (its counts).
    index("proactive_notices_source").on(t.sourceId, t.status),
  ],
);

/**
 * 营销触达: a shop admin's message to an audience of the shop's shoppers (core/protocol/campaigns.ts).
 * Its notices are `proactive_notices` rows of kind `campaign` whose `source_id` is the campaign's id.
 */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    name: text("name").notNull(),
    text: text("text").notNull(),
    audience: text("audience", { mode: "json" }).$type<CampaignAudience>().notNull(),
    /** scheduled → sent | cancelled */
    status: text("status").notNull(),
    sendAt: integer("send_at").notNull(),
    sentAt: integer("sent_at"),
    cancelledAt: integer("cancelled_at"),
    audienceCount: integer("audience_count"),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("campaigns_shop").on(t.shopId, t.createdAt), index("campaigns_due").on(t.status, t.sendAt)],
);

/** What happened to each notice, once per outcome (a redelivery records nothing twice): analytics. */
export const proactiveOutcomes = sqliteTable(
  "proactive_outcomes",
  {
    noticeId: text("notice_id").notNull(),
    outcome: text("outcome").notNull(),
    shopId: text("shop_id").notNull(),
    customerId: text("customer_id").notNull(),
    kind: text("kind").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.outcome] }), index("proactive_outcomes_shop").on(t.shopId, t.at)],
);

/**
 * Queue messages that failed every retry (the dead-letter queue's consumer writes them) or could
 * not be read at all. Operators list and replay them; the scheduled handler prunes old rows.
 */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    /** The notice id, or `msg_<queue message id>` when the body could not be read. */
    id: text("id").primaryKey(),
    queue: text("queue").notNull(),
    shopId: text("shop_id"),
    noticeId: text("notice_id"),
    body: text("body", { mode: "json" }).notNull(),
    /** `max_retries` (from the dead-letter queue) or `invalid` (unreadable body). */
    reason: text("reason").notNull(),
    lastError: text("last_error"),
    deaths: integer("deaths").notNull().default(1),
    diedAt: integer("died_at").notNull(),
    replayedAt: integer("replayed_at"),
  },
  (t) => [index("dead_letters_shop").on(t.shopId, t.diedAt), index("dead_letters_died").on(t.diedAt)],
);

/**
 * 工单: what one chat cannot close, followed to closure (core/domain/tickets.ts). `number` counts
 * from 1 per shop and is assigned by the insert itself (max + 1, unique per shop). `updated_at`
 * only ever grows, so an action can check it is changing the ticket it read.
 */
export const tickets = sqliteTable(
  "tickets",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").notNull(),
    number: integer("number").notNull(),
    threadId: text("thread_id").notNull(),
    customerId: text("customer_id").notNull(),
    sessionId: text("session_id"),
    orderId: text("order_id"),
    leaveMessageId: text("leave_message_id"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    category: text("category").notNull(),
    priority: text("priority").notNull(),
    status: text("status").notNull(),
    /** The skill group's key in the ticket's shop, or null. */
    department: text("department"),
    assigneeId: text("assignee_id"),
    createdBy: text("created_by").notNull(),
    createdByName: text("created_by_name").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    dueAt: integer("due_at").notNull(),
    resolvedAt: integer("resolved_at"),
    closedAt: integer("closed_at"),
    /** The shopper was told of it (its opening, a reply or its resolution): only then is it in their 我的工单. */
    shownToCustomer: integer("shown_to_customer", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    uniqueIndex("tickets_shop_number").on(t.shopId, t.number),
    index("tickets_shop_status_due").on(t.shopId, t.status, t.dueAt),
    index("tickets_shop_updated").on(t.shopId, t.updatedAt),
    // The platform's lists across every shop, most recently changed first (bench:tickets: 245 ms to sort 120,000 rows without it).
    index("tickets_updated").on(t.updatedAt),
    index("tickets_shop_assignee").on(t.shopId, t.assigneeId, t.status),
    index("tickets_customer").on(t.customerId, t.createdAt),
    // The service report: opened and resolved in a range (a shop's, every shop's), the backlog across shops.
    index("tickets_shop_created").on(t.shopId, t.createdAt),
    index("tickets_created").on(t.createdAt),
    index("tickets_shop_resolved").on(t.shopId, t.resolvedAt),
    index("tickets_resolved").on(t.resolvedAt),
    index("tickets_status_due").on(t.status, t.dueAt),
  ],
);

/** A ticket's log, append-only (a trigger refuses updates): one row per action. */
export const ticketEvents = sqliteTable(
  "ticket_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ticketId: text("ticket_id").notNull(),
    shopId: text("shop_id").notNull(),
    at: integer("at").notNull(),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull(),
    kind: text("kind").notNull(),
    text: text("text"),
    fromValue: text("from_value"),
    toValue: text("to_value"),
  },
  (t) => [index("ticket_events_ticket").on(t.ticketId, t.id)],
);

/*
 * The service report's daily roll-ups (worker/db/repos/report-rollups.ts): what the report's four
 * scans of `sessions` give for one UTC day (`day` = opened_at / 86,400,000) of one shop (`scope` =
 * the shop id) or of every shop (`scope` = '*'), keyed as the scans group, so rolled-up rows and
 * live rows add up exactly. Written by the cron once the day has ended, again when one of its
 * sessions changes.
 */

/** A scope-day's roll-up is complete: written when its rows were (one batch). */
export const reportRollupDays = sqliteTable(
  "report_rollup_days",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
    rolledUpAt: integer("rolled_up_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day] })],
);

/** The counts the report's quarters and agents share (fresh builders per table). */
const sessionCountColumns = () => ({
  sessions: integer("sessions").notNull(),
  resolved: integer("resolved").notNull(),
  responded: integer("responded").notNull(),
  responseMs: integer("response_ms").notNull(),
  handled: integer("handled").notNull(),
  handleMs: integer("handle_ms").notNull(),
  rated: integer("rated").notNull(),
  ratingSum: integer("rating_sum").notNull(),
  satisfied: integer("satisfied").notNull(),
});

/** Counts per UTC quarter hour, the fields of core/domain/analytics QuarterCounts. */
export const reportRollupQuarters = sqliteTable(
  "report_rollup_quarters",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
    quarter: integer("quarter").notNull(),
    ...sessionCountColumns(),
    botOnly: integer("bot_only").notNull(),
    handedOff: integer("handed_off").notNull(),
    closed: integer("closed").notNull(),
  },
  // (day, scope): every shop's rows of a day, summed into the '*' scope's.
  (t) => [primaryKey({ columns: [t.scope, t.day, t.quarter] }), index("report_rollup_quarters_day").on(t.day, t.scope)],
);

/** First responses by whole second (the report's percentiles). */
export const reportRollupResponseSeconds = sqliteTable(
  "report_rollup_response_seconds",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
    seconds: integer("seconds").notNull(),
    sessions: integer("sessions").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.seconds] }), index("report_rollup_response_seconds_day").on(t.day, t.scope)],
);

/** Sessions by topic × channel × rating (topic and rating may be null, so no primary key). */
export const reportRollupMix = sqliteTable(
  "report_rollup_mix",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
    topic: text("topic"),
    channel: text("channel").notNull(),
    rating: integer("rating"),
    sessions: integer("sessions").notNull(),
    handedOff: integer("handed_off").notNull(),
  },
  (t) => [index("report_rollup_mix_scope").on(t.scope, t.day), index("report_rollup_mix_day").on(t.day, t.scope)],
);

/** Each agent's counts; the name is joined from `staff` when the report is read. */
export const reportRollupAgents = sqliteTable(
  "report_rollup_agents",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
    agentId: text("agent_id").notNull(),
    ...sessionCountColumns(),
    messages: integer("messages").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day, t.agentId] }), index("report_rollup_agents_day").on(t.day, t.scope)],
);

/** Scope-days to roll up (again): a session of theirs was written since the last roll-up. */
export const reportRollupPending = sqliteTable(
  "report_rollup_pending",
  {
    scope: text("scope").notNull(),
    day: integer("day").notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.day] }), index("report_rollup_pending_day").on(t.day, t.scope)],
);

/** One row: sessions updated before `touched_before` have their days queued or rolled up. */
export const reportRollupWatermark = sqliteTable("report_rollup_watermark", {
  id: integer("id").primaryKey(),
  touchedBefore: integer("touched_before").notNull(),
});

/**
 * 质检: a reviewer's scores of one finished consultation (one review per session; a second
 * review replaces the first). `updated_at` is when it was last reviewed.
 */
export const qualityReviews = sqliteTable(
  "quality_reviews",
  {
    sessionId: text("session_id").primaryKey(),
    shopId: text("shop_id").notNull(),
    threadId: text("thread_id").notNull(),
    agentId: text("agent_id").notNull(),
    reviewerId: text("reviewer_id").notNull(),
    scores: text("scores", { mode: "json" }).$type<QualityScores>().notNull(),
    total: integer("total").notNull(),
    comment: text("comment").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** 申诉: the agent's reason for contesting the review (once per review), and when. */
    appealReason: text("appeal_reason"),
    appealedAt: integer("appealed_at"),
    /** `open` until a reviewer reviews it again, then `answered`; null: never appealed. */
    appealStatus: text("appeal_status"),
    /** The total the appeal contested, kept when it is answered (the change is shown to the agent). */
    appealTotalBefore: integer("appeal_total_before"),
  },
  (t) => [
    index("quality_reviews_shop").on(t.shopId, t.updatedAt),
    // Open appeals, the reviewers' to-do (申诉中, of a shop or of all): few rows.
    index("quality_reviews_appeals").on(t.shopId, t.appealedAt).where(sql`${t.appealStatus} = 'open'`),
    index("quality_reviews_open_appeals").on(t.appealedAt).where(sql`${t.appealStatus} = 'open'`),
    index("quality_reviews_updated").on(t.updatedAt),
    index("quality_reviews_agent").on(t.agentId, t.updatedAt),
  ],
);
