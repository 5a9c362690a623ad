/**
 * A fresh shop per test for queue tests (each shop has its own AgentQueue object): groups,
 * agents with their groups, and staff tokens made by inserting sessions directly.
 */
import { env, exports } from "cloudflare:workers";
import { database } from "../../worker/db/client";
import { shops, skillGroups, staff, staffGroups, staffSessions } from "../../worker/db/schema";
import { sha256Hex } from "../../worker/lib/crypto";
import { insertStaffSession, newStaffSessionId } from "../../worker/db/repos/staff";
import { QueueEvent, type QueueEvent as Event } from "../../core/protocol";
import { frameQueue } from "./frame-queue";
import { socketTicketFor } from "./socket";
import { ALWAYS_OPEN } from "./fixtures";

export interface GroupSpec {
  key: string;
  policy?: "least_loaded" | "round_robin" | "sticky";
  fallbackKey?: string;
  maxWaitSec?: number;
  stickySec?: number;
  onAgentOffline?: "requeue" | "keep";
}
export interface AgentSpec {
  handle: string;
  groups: string[];
  capacity?: number;
  seniority?: number;
  role?: "shop_agent" | "shop_admin";
}

export interface TestShop {
  shopId: string;
  tokens: Record<string, string>;
  staffId(handle: string): string;
}

let n = 0;
/** Inserts a shop with the given groups and agents; returns their tokens. */
export async function makeShop(groups: GroupSpec[], agents: AgentSpec[]): Promise<TestShop> {
  const shopId = `q${Date.now().toString(36)}${(n++).toString(36)}`;
  const db = database(env.DB);
  const now = Date.now();
  const tokens: Record<string, string> = {};
  const idOf = (handle: string) => `${shopId}-${handle}`;
  const sessions = await Promise.all(
    agents.map(async (a) => {
      const token = `st_${shopId}_${a.handle}_${crypto.randomUUID().replace(/-/g, "")}`;
      tokens[a.handle] = token;
      return { tokenHash: await sha256Hex(token), id: newStaffSessionId(), staffId: idOf(a.handle), expiresAt: now + 3600_000, createdAt: now, lastSeenAt: now };
    }),
  );
  await db.batch([
    // Open round the clock: hand-offs outside service hours offer leave-a-message instead of queueing.
    db.insert(shops).values({ id: shopId, name: `测试店${shopId}`, nameEn: shopId, category: "apparel", businessHours: ALWAYS_OPEN, createdAt: now }),
    db.insert(skillGroups).values(
      groups.map((g) => ({
        id: `${shopId}-${g.key}`, shopId, key: g.key, name: g.key, nameEn: g.key, policy: g.policy ?? "least_loaded",
        fallbackGroupId: g.fallbackKey ? `${shopId}-${g.fallbackKey}` : null, maxWaitSec: g.maxWaitSec ?? 120, stickySec: g.stickySec ?? 300, onAgentOffline: g.onAgentOffline ?? "requeue",
      })),
    ),
    ...(agents.length === 0 ? [] : [db.insert(staff).values(
      agents.map((a) => ({ id: idOf(a.handle), shopId, email: `${a.handle}@${shopId}.test`, name: `客服${a.handle}`, role: a.role ?? "shop_agent", passwordHash: "x", capacity: a.capacity ?? 3, seniority: a.seniority ?? 1, createdAt: now })),
    ), db.insert(staffSessions).values(sessions)]),
    ...agents.filter((a) => a.groups.length).map((a) => db.insert(staffGroups).values(a.groups.map((g) => ({ staffId: idOf(a.handle), groupId: `${shopId}-${g}` })))),
  ]);
  return { shopId, tokens, staffId: idOf };
}

export interface QueueClient {
  ws: WebSocket;
  frames: Event[];
  send(frame: unknown): void;
  next<T extends Event["type"]>(type: T, where?: (e: Extract<Event, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<Event, { type: T }>>;
  close(): void;
}

/** An agent's console connected to the shop's queue, with a fresh ticket for `token` (or with `token` as the ticket). */
export async function connectQueue(shopId: string, token: string, credential: "token" | "ticket" = "token"): Promise<QueueClient> {
  const ticket = credential === "ticket" ? token : await socketTicketFor(token, "agent-queue", shopId);
  const res = await exports.default.fetch(`http://kefu.test/parties/agent-queue/${shopId}?ticket=${encodeURIComponent(ticket)}`, { headers: { upgrade: "websocket" } });
  const ws = res.webSocket;
  if (!ws) throw Object.assign(new Error(`upgrade refused: ${res.status}`), { status: res.status });
  ws.accept();
  const queue = frameQueue(ws, QueueEvent);
  return { ws, ...queue, send: (frame) => ws.send(JSON.stringify(frame)), close: () => ws.close(1000, "done") };
}

/** A platform admin with a live session (the fixture has none). */
export async function platformAdminToken(): Promise<{ id: string; token: string }> {
  const db = database(env.DB);
  const id = `st-pa-${crypto.randomUUID().slice(0, 8)}`;
  const token = `st_${id}_${crypto.randomUUID().replace(/-/g, "")}`;
  const now = Date.now();
  await db.insert(staff).values({ id, shopId: "platform", email: `${id}@platform.test`, name: "平台管理员", role: "platform_admin", passwordHash: "x", capacity: 5, seniority: 3, createdAt: now }).run();
  await insertStaffSession(db, { tokenHash: await sha256Hex(token), staffId: id, expiresAt: now + 3600_000, createdAt: now });
  return { id, token };
}
