/**
 * ConversationRoom: one per thread (customer × shop), named `${shopId}:${customerId}`.
 * Owns the message log, the connections of both sides, typing and read state, and the current
 * session with its timers. It never decides assignment. Lifecycle only here; commands are
 * handled in `commands.ts`, message posting in `post.ts`.
 */
import { Server, type Connection, type ConnectionContext, type WSMessage } from "partyserver";
import { LIMITS, exceedsUtf8, parseThreadId, type ChatMessage, type ServerEvent } from "../../core/protocol";
import { idleDeadline, isOpen } from "../../core/domain/session";
import { DomainError } from "../../core/domain/errors";
import { issuedBeforeRevocation } from "../../core/domain/token-revocation";
import { decodeIdentity, IDENTITY_HEADER, type ConnectionState } from "./connection-state";
import { RoomStore } from "./storage";
import { pendingSyncAt, syncSession, type ThreadRef } from "./session-sync";
import { handleCommand, roomJoined, sendSync } from "./commands";
import { closeSession, postNotice, type PostInput, postMessage } from "./post";
import { applyAssignment, applyRequeue } from "./handoff";
import { maybeGreet } from "./bot";
import type { Audience, NewMessage } from "./storage";
import { errorFrame, sendEvent } from "./audience";
import { pushContextChanges } from "./context-push";
import { flushShown, shownDueAt, WRITTEN_THROUGH as SHOWN_THROUGH } from "./shown-counts";
import { emailDueAt, flushEmailReplies, receiveEmail, type InboundEmail } from "./email-replies";
import { CustomerOrders } from "./customer-orders";
import { database } from "../../worker/db/client";
import { SpentTickets } from "../shared/spent-tickets";

export class ConversationRoom extends Server<Env> {
  static override options = { hibernate: true };

  store!: RoomStore;
  ref!: ThreadRef;
  /** The shopper's orders and tracks as the bot last read them (customer-orders.ts). */
  orders!: CustomerOrders;
  /** Serialises D1 session writes (see post.ts). */
  syncChain: Promise<unknown> = Promise.resolve();
  /** Serialises bot turns (see post.ts). */
  botChain: Promise<unknown> = Promise.resolve();
  /** The answer mail being sent, if one is (email-replies.ts). */
  mailOut: Promise<void> | undefined = undefined;
  /** When this instance last armed the alarm; undefined until it has (a fresh instance always arms once). */
  private alarmAt: number | null | undefined = undefined;
  /** Sockets whose frames partyserver has already let through to `onMessage` in this instance. */
  private readonly admitted = new WeakSet<WebSocket>();

  override onStart(): void {
    const { shopId, customerId } = parseThreadId(this.name);
    this.ref = { threadId: this.name, shopId, customerId };
    this.store = new RoomStore(this.ctx.storage.sql, this.name);
    this.store.migrate();
    this.orders = new CustomerOrders(() => database(this.env.DB), shopId, customerId);
  }

  /** Socket tickets already used here: each opens one socket (spent-tickets.ts). */
  private spentTickets?: SpentTickets;

  override async fetch(request: Request): Promise<Response> {
    this.spentTickets ??= new SpentTickets(this.ctx.storage.sql);
    return this.spentTickets.refuseReplay(request) ?? super.fetch(request);
  }

  override getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    const state = this.identityOf(ctx.request);
    return state ? [state.role] : [];
  }

  override async onConnect(conn: Connection<ConnectionState>, ctx: ConnectionContext): Promise<void> {
    const state = this.identityOf(ctx.request);
    if (!state) {
      // Only the Worker reaches a room, and it always sets the header; refuse anything else.
      conn.close(1008, "unauthenticated");
      return;
    }
    conn.setState(state);
    // A shopper back with a token signed after a revocation: sockets opened with older ones go.
    if (state.role === "customer" && state.revokedAt !== undefined) this.closeRevoked(state.revokedAt);
    sendEvent(conn, roomJoined(this, state));
    // A reconnecting client says the last seq it holds and gets exactly what it missed; a new
    // one gets the latest page and pages older history over HTTP.
    const since = new URL(ctx.request.url).searchParams.get("since");
    const afterSeq = since !== null && /^\d+$/.test(since) ? Number(since) : Math.max(0, this.store.lastSeq() - 50);
    sendSync(this, conn, afterSeq);
    if (state.role === "customer") await maybeGreet(this, state.channel, state.entry, state.locale ?? "zh-CN", Date.now()).catch((err: Error) => console.error("greeting failed", err.message));
  }

  /**
   * partyserver recognises the socket of every frame by deserializing its attachment, and awaits
   * its start-up check, about 2% of a room's CPU under load (`perf` on workerd during
   * `npm run bench`). Once it has admitted a socket (its first frame reached `onMessage`, the
   * room has started and the socket is wrapped as a Connection in place), its later frames in
   * this instance go straight to `onMessage`. A woken instance starts with none admitted.
   */
  override async webSocketMessage(ws: WebSocket, message: WSMessage): Promise<void> {
    if (!this.admitted.has(ws)) return super.webSocketMessage(ws, message);
    try {
      await this.onMessage(ws as Connection<ConnectionState>, message);
    } catch (err) {
      console.error("room message failed", this.ref.threadId, (err as Error).message);
    }
  }

  override async onMessage(conn: Connection<ConnectionState>, message: WSMessage): Promise<void> {
    this.admitted.add(conn);
    // Counted in UTF-8 bytes: `length` would let a CJK frame three times the limit through.
    if (typeof message !== "string" || exceedsUtf8(message, LIMITS.frameMaxBytes)) {
      sendEvent(conn, errorFrame(new DomainError("payload_too_large", `frames must be text (JSON) of at most ${LIMITS.frameMaxBytes} bytes (UTF-8)`)));
      return;
    }
    await handleCommand(this, conn, message);
  }

  override onClose(conn: Connection<ConnectionState>): void {
    if (conn.state) this.broadcastEvent({ type: "typing.changed", side: conn.state.role, name: conn.state.name, typing: false }, conn.state.role === "customer" ? "agent" : "customer");
  }

  override async onAlarm(): Promise<void> {
    const now = Date.now();
    this.alarmAt = undefined; // fired: nothing is armed now
    const session = this.store.session();
    if (isOpen(session) && idleDeadline(session, this.idleMs()) <= now) {
      await closeSession(this, session, "system", "idle", now);
    } else if ((pendingSyncAt(this.store) ?? Infinity) <= now && session) {
      await syncSession(this.env, this.store, this.ref, session, [], now, this.customerClaims());
    }
    await flushShown(this, now);
    await flushEmailReplies(this, now);
    await this.scheduleAlarm();
  }

  /**
   * Sets the alarm to the earliest of the idle deadline, a pending D1 retry, the bot's shown
   * counts falling due (shown-counts.ts) and a reply mail (email-replies.ts). Every message
   * pushes the idle deadline later; an alarm already due sooner is left alone (it re-checks and
   * re-arms when it fires), which saves a storage write on almost every message.
   */
  async scheduleAlarm(): Promise<void> {
    const session = this.store.session();
    const at = earliest(earliest(earliest(pendingSyncAt(this.store), shownDueAt(this)), emailDueAt(this)), isOpen(session) ? idleDeadline(session, this.idleMs()) : null);
    const armed = this.alarmAt;
    if (at !== null && typeof armed === "number" && armed <= at && armed > Date.now()) return;
    if (at === null && armed === null) return;
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
    this.alarmAt = at;
  }

  /** The bindings, for the handler modules (`env` is protected on DurableObject). */
  get bindings(): Env {
    return this.env;
  }

  idleMs(): number {
    return Number(this.env.SESSION_IDLE_MINUTES || "30") * 60_000;
  }

  customerClaims() {
    const raw = this.store.getMeta("customer");
    return raw ? JSON.parse(raw) : undefined;
  }

  /**
   * Sends an event to every open connection of a side (tagged with its role at connect), or to
   * all. Straight to the hibernatable sockets: partyserver's `getConnections` deserializes each
   * socket's attachment to recognise it, several times per message, and every socket here is one
   * it accepted. `except` (a connection is its socket, partyserver extends the socket in place)
   * is left out: the sender of a message gets its ack instead.
   */
  broadcastEvent(event: ServerEvent, side?: "customer" | "agent", except?: WebSocket): void {
    const frame = JSON.stringify(event);
    for (const conn of this.ctx.getWebSockets(side)) {
      if (conn === except || conn.readyState !== WebSocket.READY_STATE_OPEN) continue;
      try {
        conn.send(frame);
      } catch {
        // A socket closing under us: it will reconnect and resync.
      }
    }
  }

  // ---- RPC, called by the Worker (and later by the queue and the proactive consumer) ----

  /** A page of history before `beforeSeq` (or the latest page), oldest first, as `audience` may see it. */
  async history(beforeSeq: number | null, limit: number, audience: Audience): Promise<{ messages: ChatMessage[]; hasOlder: boolean; lastSeq: number }> {
    const before = beforeSeq ?? this.store.lastSeq() + 1;
    const messages = this.store.messagesBefore(before, limit, audience);
    const first = messages[0]?.seq ?? before;
    return { messages, hasOlder: first > 1, lastSeq: this.store.lastSeq() };
  }

  /** One consultation's messages as staff see them (质检), oldest first, at most `limit`. */
  async sessionTranscript(sessionId: string, limit: number): Promise<ChatMessage[]> {
    return this.store.sessionMessages(sessionId, limit, "agent");
  }

  /** Where the thread stands, for lists and tests. */
  async summary() {
    return {
      threadId: this.name,
      lastSeq: this.store.lastSeq(),
      session: this.store.session(),
      readSeq: { customer: this.store.readSeq("customer"), agent: this.store.readSeq("agent") },
      unread: this.store.unread(),
    };
  }

  /**
   * Posts a message from outside a socket (system notices, later the bot and proactive service).
   * A caller posting something for the shopper to hear into a thread that never had a session
   * first closes the sockets of revoked tokens (`tokensRevoked`): the mall's revocation could not
   * find this room. The proactive consumer does (its D1 batch reads the revocation); a staff
   * member's socket frame is covered in `credential-check.ts`, where its frames stay in order.
   */
  async post(input: PostInput): Promise<{ message: ChatMessage; duplicate: boolean }> {
    return postMessage(this, input);
  }

  /**
   * Demo only (the Worker checks DEMO_MODE): the thread's past messages, written unless it has
   * messages of its own (storage.ts `replaceImported`). Imported answers are not counted as shown.
   */
  async importTranscript(messages: NewMessage[]): Promise<boolean> {
    return this.store.replaceImported(messages, [SHOWN_THROUGH]);
  }

  /** A shopper's mail to the shop (worker/services/email/inbound.ts): posted as their messages; answers go back by mail. */
  async receiveEmail(mail: InboundEmail): Promise<number[]> {
    return receiveEmail(this, mail);
  }

  /** The mall changed this customer's data: staff who may see it reload their panel (context-push.ts). */
  async contextChanged(changes: unknown): Promise<number> {
    return pushContextChanges(this, changes);
  }

  /**
   * The mall revoked the shopper's tokens: close the customer sockets opened with a token issued
   * before. Their client reconnects, and its ticket is refused (the widget then starts over).
   * Returns how many it closed.
   */
  async tokensRevoked(revokedAt: number): Promise<number> {
    return this.closeRevoked(revokedAt);
  }

  private closeRevoked(revokedAt: number): number {
    return this.closeWhere("customer", (s) => issuedBeforeRevocation(s.issuedAt, revokedAt), 4001, "token revoked");
  }

  /** An admin disabled this staff account: its sockets here close (it can no longer log in or reconnect). */
  async staffDisabled(staffId: string): Promise<number> {
    return this.closeWhere("agent", (s) => s.id === staffId, 4003, "account disabled");
  }

  /** These login sessions of a staff account ended: the sockets they opened here close; returns how many. */
  async staffSessionsEnded(staffId: string, sessionIds: string[]): Promise<number> {
    return this.closeWhere("agent", (s) => s.id === staffId && s.sessionId !== undefined && sessionIds.includes(s.sessionId), 4001, "session ended");
  }

  /** Closes the side's connections whose identity matches; returns how many. */
  private closeWhere(side: "customer" | "agent", matches: (state: ConnectionState) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const conn of this.getConnections<ConnectionState>(side)) {
      if (!conn.state || !matches(conn.state)) continue;
      conn.close(code, reason);
      closed++;
    }
    return closed;
  }

  // ---- RPC from the shop's AgentQueue ----

  async onAssigned(a: { sessionId: string; agentId: string; agentName: string; via: string }): Promise<void> {
    await applyAssignment(this, a.sessionId, a.agentId, a.agentName, Date.now());
  }

  async onQueueUpdate(u: { sessionId: string; position: number; etaSec: number }): Promise<void> {
    const s = this.store.session();
    if (!isOpen(s) || s.id !== u.sessionId || s.agentId) return;
    this.broadcastEvent({ type: "queue.updated", sessionId: u.sessionId, status: "queued", position: u.position, etaSec: u.etaSec, leaveMessage: false }, "customer");
  }

  /** Waited past the group's limit: moved to a fallback group, or offered leave-a-message. */
  async onOverflow(o: { sessionId: string; movedTo: string | null }): Promise<void> {
    const s = this.store.session();
    if (!isOpen(s) || s.id !== o.sessionId || s.agentId) return;
    if (o.movedTo) {
      this.store.saveSession({ ...s, groupId: o.movedTo });
      return;
    }
    this.broadcastEvent({ type: "queue.updated", sessionId: s.id, status: "overflowed", leaveMessage: true }, "customer");
    postNotice(this, s, "queue.leave_message_offered", {}, Date.now());
  }

  async onTransferred(t: { sessionId: string; fromAgentId: string; byName: string; toAgentId: string | null; toAgentName: string | null; toGroupName: string | null; note: string | null }): Promise<void> {
    const s = this.store.session();
    if (!isOpen(s) || s.id !== t.sessionId) return;
    const now = Date.now();
    postNotice(this, s, "session.transferred", { to: t.toAgentName ?? t.toGroupName ?? "" }, now);
    if (t.note) postNotice(this, s, "session.transfer_note", { by: t.byName, note: t.note }, now, "staff");
    if (t.toAgentId) await applyAssignment(this, s.id, t.toAgentId, t.toAgentName ?? "", now);
    else await applyRequeue(this, s.id, null, now);
  }

  async onRequeued(r: { sessionId: string; reason: string }): Promise<void> {
    await applyRequeue(this, r.sessionId, null, Date.now());
  }

  private identityOf(request: Request): ConnectionState | null {
    return decodeIdentity(request.headers.get(IDENTITY_HEADER));
  }
}

/** The earlier of two times, either of which may be absent. */
function earliest(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
