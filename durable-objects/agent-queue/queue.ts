/**
 * AgentQueue: one per shop. Agents' presence and capacity, the waiting list, assignment and
 * transfer, queue positions for waiting shoppers, SLA overflow. It relays no chat messages.
 * Lifecycle and RPC here; decisions in `core/domain/assignment/queue-engine.ts`; fan-out in `notify.ts`.
 */
import { getServerByName, Server, type Connection, type ConnectionContext, type WSMessage } from "partyserver";
import type { AccountLogin, EnqueueRequest, EnqueueResult } from "../../core/protocol";
import { decodeHeaderJson } from "../../worker/lib/header-json";
import { IDENTITY_HEADER } from "../conversation/connection-state";
import { agentTag, QueueConnectionState } from "./connection-state";
import { syncDirectory } from "./directory-sync";
import { QueueEngine, type Assignment } from "../../core/domain/assignment";
import { handleQueueCommand } from "./commands";
import { broadcastSnapshot, notifyAssignments, notifyRemoved, pushPositions, sendSnapshot, snapshotFor } from "./notify";
import { runDueWork, nextDueAt } from "./timers";
import { QueueStore } from "./storage";
import { SpentTickets } from "../shared/spent-tickets";

export class AgentQueue extends Server<Env> {
  static override options = { hibernate: true };

  engine!: QueueEngine;
  store!: QueueStore;
  /** Positions last pushed to each waiting shopper (a cache: after a restart we push again). */
  readonly pushed = new Map<string, { position: number; etaSec: number }>();

  override async onStart(): Promise<void> {
    this.engine = new QueueEngine();
    this.store = new QueueStore(this.ctx.storage.sql);
    this.store.migrate();
    this.store.load(this.engine);
    if (!this.store.getMeta("directory_loaded_at")) await this.reloadDirectory();
  }

  get bindings(): Env {
    return this.env;
  }

  /** Persists what the last engine operation changed. */
  persist(): void {
    this.store.save(this.engine, this.engine.takeChanges());
  }

  /** Socket tickets already used here: each opens one socket (spent-tickets.ts). */
  private spentTickets?: SpentTickets;

  override async fetch(request: Request): Promise<Response> {
    this.spentTickets ??= new SpentTickets(this.ctx.storage.sql);
    return this.spentTickets.refuseReplay(request) ?? super.fetch(request);
  }

  override getConnectionTags(_conn: Connection, ctx: ConnectionContext): string[] {
    const s = decodeHeaderJson(QueueConnectionState, ctx.request.headers.get(IDENTITY_HEADER));
    return s ? [agentTag(s.staffId)] : [];
  }

  override async onConnect(conn: Connection<QueueConnectionState>, ctx: ConnectionContext): Promise<void> {
    const state = decodeHeaderJson(QueueConnectionState, ctx.request.headers.get(IDENTITY_HEADER));
    if (!state) return conn.close(1008, "unauthenticated");
    conn.setState(state);
    const agent = this.engine.agents.get(state.staffId);
    if (agent) {
      agent.connected = true;
      agent.disconnectedAt = null;
      // Opening the console means starting work, unless the agent chose busy or away.
      if (agent.status === "offline") agent.status = "online";
      this.engine.markAgent(agent.id);
      await this.afterChange(this.engine.drain(Date.now()));
    }
    sendSnapshot(this, conn);
  }

  override async onMessage(conn: Connection<QueueConnectionState>, message: WSMessage): Promise<void> {
    await handleQueueCommand(this, conn, message);
  }

  override async onClose(conn: Connection<QueueConnectionState>): Promise<void> {
    const id = conn.state?.staffId;
    const agent = id ? this.engine.agents.get(id) : undefined;
    if (!agent) return;
    const stillOpen = [...this.getConnections(agentTag(agent.id))].some((c) => c.id !== conn.id);
    if (stillOpen) return;
    agent.connected = false;
    agent.disconnectedAt = Date.now();
    this.engine.markAgent(agent.id);
    await this.afterChange([]);
  }

  override async onAlarm(): Promise<void> {
    await runDueWork(this, Date.now());
    broadcastSnapshot(this);
    await this.scheduleAlarm();
  }

  /** Persist, tell rooms and agents about assignments, refresh consoles, set timers. */
  async afterChange(assignments: Assignment[], exceptSessionId?: string): Promise<void> {
    this.persist();
    await notifyAssignments(this, assignments, exceptSessionId);
    broadcastSnapshot(this);
    // Coalesce position pushes: the first change schedules one, later ones ride along.
    if (this.store.getMeta("positions_due") === null) this.store.setMeta("positions_due", String(Date.now() + 1000));
    await this.scheduleAlarm();
  }

  async scheduleAlarm(): Promise<void> {
    const at = nextDueAt(this);
    if (at === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(at);
  }

  // ---- RPC ----

  /** A room hands a session over: assign now if someone can take it, else queue it. */
  async enqueue(req: EnqueueRequest): Promise<EnqueueResult> {
    const now = Date.now();
    const group = this.engine.groups.get(req.groupKey);
    const groupKey = group ? req.groupKey : (this.engine.groups.keys().next().value ?? req.groupKey);
    const sticky = this.engine.policyOf(groupKey) === "sticky" && req.previousAgentId;
    const assignments = this.engine.enqueue(
      {
        sessionId: req.sessionId, threadId: req.threadId, customerId: req.customerId, customerName: req.customerName, level: req.level,
        groupKey, priority: req.priority, seniorOnly: req.seniorOnly, stickyAgentId: sticky ? req.previousAgentId : null,
        stickyUntil: sticky ? now + (this.engine.groups.get(groupKey)?.stickySec ?? 300) * 1000 : null,
        enqueuedAt: now, overflowed: false, preview: req.preview.slice(0, 120),
      },
      now,
    );
    await this.afterChange(assignments, req.sessionId);
    const mine = assignments.find((a) => a.session.sessionId === req.sessionId);
    if (mine) return { status: "assigned", agentId: mine.session.agentId, agentName: this.engine.agents.get(mine.session.agentId)?.name ?? "" };
    // Only agents working now count: with everyone away, the shopper is offered leave-a-message.
    const anyone = [...this.engine.agents.values()].some((a) => a.status === "online" && a.groups.includes(groupKey));
    const pos = this.engine.positionOf(req.sessionId);
    if (!anyone) return { status: "unavailable", groupKey };
    return { status: "queued", position: pos?.position ?? 1, etaSec: pos?.etaSec ?? 0, groupKey };
  }

  /** A staff member replied to a session (waiting, or still with the bot): it is theirs. */
  async claim(sessionId: string, agentId: string, req?: EnqueueRequest): Promise<boolean> {
    const now = Date.now();
    const entry = req ? { ...req, stickyAgentId: null, stickyUntil: null, enqueuedAt: now, overflowed: false, preview: req.preview.slice(0, 120) } : undefined;
    const a = this.engine.claim(agentId, sessionId, now, entry);
    if (a) await this.afterChange([a], sessionId);
    return a !== null;
  }

  /** The session ended (resolved, idle, abandoned): leave the list or free the seat. */
  async release(sessionId: string): Promise<void> {
    const holder = this.engine.active.get(sessionId)?.agentId;
    const { assignments } = this.engine.release(sessionId, Date.now());
    this.pushed.delete(sessionId);
    if (holder) notifyRemoved(this, holder, sessionId, "closed");
    await this.afterChange(assignments);
  }

  /** Tells every console that a shopper left a message. */
  async leaveMessageLeft(m: { id: string; threadId: string; customerName: string; text: string }): Promise<void> {
    const frame = JSON.stringify({ type: "leave_message.created", ...m, text: m.text.slice(0, 200) });
    for (const conn of this.getConnections()) {
      try {
        conn.send(frame);
      } catch {
        // closing console: it reloads the list when it reconnects
      }
    }
  }

  /** Re-reads groups and staff from D1 (after admins change them). */
  async reloadDirectory(): Promise<void> {
    const groups = await syncDirectory(this.env, this.name, this.engine);
    this.store.saveGroups(groups);
    this.store.setMeta("directory_loaded_at", String(Date.now()));
    await this.afterChange(this.engine.drain(Date.now()));
  }

  /**
   * An admin disabled the account: every chat it held goes back to the queue (whatever its group's
   * offline rule: nobody is coming back for them), its consoles' queue sockets close, and it
   * leaves the directory. Returns the threads of the requeued chats.
   */
  async removeAgent(agentId: string): Promise<string[]> {
    const now = Date.now();
    const { requeued, assignments } = this.engine.dropAgent(agentId, now, true);
    this.persist();
    await this.closeAgentSockets([agentId], "account disabled");
    for (const s of requeued) {
      if (this.engine.waiting.has(s.sessionId)) await (await getServerByName(this.env.ConversationRoom, s.threadId)).onRequeued({ sessionId: s.sessionId, reason: "agent_removed" }).catch(() => undefined);
    }
    await notifyAssignments(this, assignments);
    await this.reloadDirectory();
    return requeued.map((s) => s.threadId);
  }

  /**
   * Closes these accounts' queue sockets (4003, `reason`) without removing them: their consoles
   * reconnect through the Worker, which decides whether they may (the shop now requiring
   * two-factor login of them). Their chats stay theirs, under the group's offline rule.
   */
  async closeAgentSockets(agentIds: string[], reason: string): Promise<void> {
    for (const id of agentIds) for (const conn of this.getConnections(agentTag(id))) conn.close(4003, reason);
  }

  /**
   * These login sessions of the account ended: the sockets they opened close (4001). The
   * account's other consoles stay, and with them its presence; with none left it goes offline as
   * when a console closes.
   */
  async closeSessionSockets(staffId: string, sessionIds: string[]): Promise<void> {
    for (const conn of this.getConnections<QueueConnectionState>(agentTag(staffId))) {
      const session = conn.state?.sessionId;
      if (session !== undefined && sessionIds.includes(session)) conn.close(4001, "session ended");
    }
  }

  /** The account logged in from a new browser: each of its consoles here hears of it. */
  async announceLogin(staffId: string, login: AccountLogin): Promise<void> {
    const frame = JSON.stringify(login);
    for (const conn of this.getConnections(agentTag(staffId))) conn.send(frame);
  }

  /** The queue as a console sees it (HTTP snapshot route and tests). */
  async snapshot() {
    return snapshotFor(this, null);
  }

  /** Pushes changed queue positions now (the alarm calls this at most once a second). */
  async flushPositions(): Promise<void> {
    await pushPositions(this);
  }
}
