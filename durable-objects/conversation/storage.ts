/**
 * The room's own SQLite: the message log (gapless `seq`), read positions, the current session
 * (written at transitions; its counters are rebuilt from the log) and a pending-D1-sync marker.
 * Versioned so later schema changes migrate in place.
 */
import type { ChatMessage, Entry, MessageBody, MessageKind, Sender, Channel } from "../../core/protocol";
import { withActivity, type SessionActivity, type SessionState } from "../../core/domain/session";
import { MetaTable } from "../shared/meta";

const SCHEMA_VERSION = 1;
/** The last seq of a demo import (`replaceImported`): a log that ends there holds nothing else. */
const IMPORTED_THROUGH = "imported_through";

interface MessageRow {
  seq: number;
  client_id: string;
  session_id: string | null;
  sender_role: string;
  sender_id: string;
  sender_name: string;
  kind: string;
  body: string;
  channel: string;
  entry: string | null;
  visibility: string;
  created_at: number;
  [key: string]: SqlStorageValue;
}

export type NewMessage = Omit<ChatMessage, "seq" | "threadId" | "visibility"> & { visibility?: "all" | "staff" };

/** Who is reading: shoppers never see staff-only notes. */
export type Audience = "customer" | "agent";
const VISIBLE = { customer: `visibility = 'all'`, agent: `1 = 1` } as const;

/** Whether a message counts as unread for a side: shoppers count staff and bot replies they see, staff count the shopper's. Mirrors `countUnread`'s SQL. */
function countsFor(side: Audience, role: string, visibility: string): boolean {
  return side === "customer" ? role !== "customer" && role !== "system" && visibility === "all" : role === "customer";
}

export class RoomStore {
  private readonly meta: MetaTable;
  /** The last seq, once read: only `append` adds messages (see MetaTable for why caching is safe). */
  private last: number | null = null;
  /** Both sides' unread counts, once counted: kept current by `appendUnlessStored` and `setReadSeq`. */
  private unreadNow: { customer: number; agent: number } | null = null;
  /**
   * The current session (undefined until first read). Its counters and times move with every
   * message but are written only at transitions (`saveSession`); `loadSession` rebuilds them from
   * the messages after a restart. Frozen: readers share it.
   */
  private current: SessionState | null | undefined = undefined;

  constructor(
    private readonly sql: SqlStorage,
    private readonly threadId: string,
  ) {
    this.meta = new MetaTable(sql);
  }

  /** Creates or upgrades the tables; safe to call on every start. */
  migrate(): void {
    const version = Number(this.getMeta("schema_version") ?? 0);
    if (version < 1) {
      this.sql.exec(`CREATE TABLE IF NOT EXISTS messages (
        seq INTEGER PRIMARY KEY, client_id TEXT NOT NULL, session_id TEXT, sender_role TEXT NOT NULL,
        sender_id TEXT NOT NULL, sender_name TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL,
        channel TEXT NOT NULL, entry TEXT, visibility TEXT NOT NULL DEFAULT 'all', created_at INTEGER NOT NULL)`);
      this.sql.exec(`CREATE UNIQUE INDEX IF NOT EXISTS messages_client ON messages (sender_id, client_id)`);
    }
    if (version !== SCHEMA_VERSION) this.setMeta("schema_version", String(SCHEMA_VERSION));
  }

  getMeta(key: string): string | null {
    return this.meta.get(key);
  }

  setMeta(key: string, value: string): void {
    this.meta.set(key, value);
  }

  deleteMeta(key: string): void {
    this.meta.delete(key);
  }

  lastSeq(): number {
    this.last ??= this.sql.exec<{ s: number | null }>(`SELECT MAX(seq) AS s FROM messages`).one().s ?? 0;
    return this.last;
  }

  /** The message a sender already stored under this idempotency key, if any. */
  findByClientId(senderId: string, clientId: string): ChatMessage | null {
    const row = this.sql.exec<MessageRow>(`SELECT * FROM messages WHERE sender_id = ? AND client_id = ?`, senderId, clientId).toArray()[0];
    return row ? this.toMessage(row) : null;
  }

  /** Appends with the next gapless `seq`, for messages whose clientId the room just made (notices). */
  append(m: NewMessage): ChatMessage {
    const stored = this.appendUnlessStored(m);
    if (!stored) throw new Error(`clientId ${m.clientId} already stored`);
    return stored;
  }

  /**
   * Appends with the next gapless `seq`, or returns null when this sender already stored this
   * clientId (the idempotency check is the unique index, so a new message costs one statement).
   * Synchronous, so no other event interleaves.
   */
  appendUnlessStored(m: NewMessage): ChatMessage | null {
    const seq = this.lastSeq() + 1;
    // `rowsWritten` rather than RETURNING: SQLite gathers RETURNING rows in a temporary b-tree it
    // opens for each statement (`perf` on workerd under `npm run bench`).
    const inserted = this.sql.exec(
      `INSERT INTO messages (seq, client_id, session_id, sender_role, sender_id, sender_name, kind, body, channel, entry, visibility, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sender_id, client_id) DO NOTHING`,
      seq, m.clientId, m.sessionId, m.sender.role, m.sender.id, m.sender.name, m.kind, JSON.stringify(m.body), m.channel,
      m.entry ? JSON.stringify(m.entry) : null, m.visibility ?? "all", m.createdAt,
    ).rowsWritten;
    if (!inserted) return null;
    this.last = seq;
    if (this.unreadNow) {
      if (countsFor("customer", m.sender.role, m.visibility ?? "all")) this.unreadNow.customer++;
      if (countsFor("agent", m.sender.role, m.visibility ?? "all")) this.unreadNow.agent++;
    }
    return { ...m, visibility: m.visibility ?? "all", seq, threadId: this.threadId };
  }

  /**
   * Demo only: writes a thread's past messages (seq 1..n, every side having read them), replacing
   * an earlier import, unless the thread has messages of its own: then it keeps what it has and
   * answers false. `watermarks` names meta keys holding a seq that must move to the log's end with it.
   */
  replaceImported(messages: readonly NewMessage[], watermarks: readonly string[]): boolean {
    const importedThrough = Number(this.getMeta(IMPORTED_THROUGH) ?? 0);
    if (this.lastSeq() !== importedThrough) return false;
    this.sql.exec(`DELETE FROM messages`);
    this.last = 0;
    for (const m of messages) this.append(m);
    const through = String(this.lastSeq());
    for (const key of [IMPORTED_THROUGH, "read_customer", "read_agent", ...watermarks]) this.setMeta(key, through);
    this.unreadNow = null;
    return true;
  }

  /** One message by its seq, or null. */
  messageAt(seq: number): ChatMessage | null {
    const row = this.sql.exec<MessageRow>(`SELECT * FROM messages WHERE seq = ?`, seq).toArray()[0];
    return row ? this.toMessage(row) : null;
  }

  /** Messages with seq > afterSeq, oldest first. */
  messagesAfter(afterSeq: number, limit: number, audience: Audience): ChatMessage[] {
    return this.sql
      .exec<MessageRow>(`SELECT * FROM messages WHERE seq > ? AND ${VISIBLE[audience]} ORDER BY seq ASC LIMIT ?`, afterSeq, limit)
      .toArray()
      .map((r) => this.toMessage(r));
  }

  /** The page of messages before `beforeSeq` (exclusive), oldest first. */
  messagesBefore(beforeSeq: number, limit: number, audience: Audience): ChatMessage[] {
    return this.sql
      .exec<MessageRow>(`SELECT * FROM messages WHERE seq < ? AND ${VISIBLE[audience]} ORDER BY seq DESC LIMIT ?`, beforeSeq, limit)
      .toArray()
      .reverse()
      .map((r) => this.toMessage(r));
  }

  /**
   * One session's messages, oldest first (质检's transcript). No index on session_id: it would
   * cost every message's insert, and a thread's table is small enough to read through when a
   * reviewer opens a consultation.
   */
  sessionMessages(sessionId: string, limit: number, audience: Audience): ChatMessage[] {
    return this.sql
      .exec<MessageRow>(`SELECT * FROM messages WHERE session_id = ? AND ${VISIBLE[audience]} ORDER BY seq ASC LIMIT ?`, sessionId, limit)
      .toArray()
      .map((r) => this.toMessage(r));
  }

  /**
   * What each side has not read: messages after its read position that it would be told of and
   * did not send (see `countsFor`). Counted once per instance, then kept current in memory.
   */
  unread(): { customer: number; agent: number } {
    this.unreadNow ??= { customer: this.countUnread("customer", this.readSeq("customer")), agent: this.countUnread("agent", this.readSeq("agent")) };
    return { ...this.unreadNow };
  }

  private countUnread(side: "customer" | "agent", afterSeq: number): number {
    const q =
      side === "customer"
        ? `SELECT COUNT(*) AS n FROM messages WHERE seq > ? AND sender_role != 'customer' AND sender_role != 'system' AND visibility = 'all'`
        : `SELECT COUNT(*) AS n FROM messages WHERE seq > ? AND sender_role = 'customer'`;
    return this.sql.exec<{ n: number }>(q, afterSeq).one().n;
  }

  readSeq(side: "customer" | "agent"): number {
    return Number(this.getMeta(`read_${side}`) ?? 0);
  }

  setReadSeq(side: "customer" | "agent", seq: number): void {
    this.setMeta(`read_${side}`, String(seq));
    this.unreadNow = null;
  }

  session(): SessionState | null {
    if (this.current === undefined) this.current = this.loadSession();
    return this.current;
  }

  /** Writes the session: a transition (status, agent, times that D1 records). */
  saveSession(s: SessionState): void {
    this.setMeta("session", JSON.stringify(s));
    this.current = Object.freeze(s);
  }

  /**
   * The session after a message that moved only its counters and last-message times: kept in
   * memory, not written (one statement fewer per message). Its messages are stored, and
   * `loadSession` rebuilds the same figures from them.
   */
  noteActivity(s: SessionState): void {
    this.current = Object.freeze(s);
  }

  private loadSession(): SessionState | null {
    const raw = this.getMeta("session");
    if (!raw) return null;
    const stored = JSON.parse(raw) as SessionState;
    // Messages `recordMessage` counted: posted in this session, not staff-only, not a system
    // notice (notices are appended directly, as sender "system").
    const activity = this.sql
      .exec<SessionActivity>(
        `SELECT sender_role AS role, COUNT(*) AS count, MAX(created_at) AS lastAt FROM messages
         WHERE session_id = ? AND visibility = 'all' AND sender_id != 'system' GROUP BY sender_role`,
        stored.id,
      )
      .toArray();
    return Object.freeze(withActivity(stored, activity));
  }

  /** How often each article was shown as the bot's answer in messages after `afterSeq` up to `throughSeq`. */
  articlesShown(afterSeq: number, throughSeq: number): Record<string, number> {
    const rows = this.sql
      .exec<{ id: string; n: number }>(
        `SELECT json_extract(body, '$.article.id') AS id, COUNT(*) AS n FROM messages
         WHERE seq > ? AND seq <= ? AND sender_role = 'bot' AND json_extract(body, '$.article.id') IS NOT NULL GROUP BY id`,
        afterSeq, throughSeq,
      )
      .toArray();
    return Object.fromEntries(rows.map((r) => [r.id, r.n]));
  }

  private toMessage(r: MessageRow): ChatMessage {
    return {
      seq: r.seq,
      clientId: r.client_id,
      threadId: this.threadId,
      sessionId: r.session_id,
      sender: { role: r.sender_role, id: r.sender_id, name: r.sender_name } as Sender,
      kind: r.kind as MessageKind,
      body: JSON.parse(r.body) as MessageBody,
      channel: r.channel as Channel,
      entry: r.entry ? (JSON.parse(r.entry) as Entry) : null,
      visibility: r.visibility === "staff" ? "staff" : "all",
      createdAt: r.created_at,
    };
  }
}
