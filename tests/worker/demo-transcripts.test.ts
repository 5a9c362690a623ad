/**
 * The demo's past conversations (`POST /api/demo/transcripts`, demo mode only) through the real
 * Worker and ConversationRoom: what staff and the shopper then see in the thread (the messages
 * at their times, nothing unread), a second run replacing the first, a thread with messages of
 * its own kept as it is, and the refusals: not a platform admin, a field named, nothing written.
 */
import { env } from "cloudflare:workers";
import { getServerByName } from "partyserver";
import { beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../core/protocol";
import type { ThreadTranscript, TranscriptMessage } from "../../core/protocol/demo";
import { importTranscripts } from "../../worker/services/demo-transcripts";
import { generateDemoMall } from "../../scripts/demo-mall/generate";
import { transcriptBodies } from "../../scripts/lib/demo-transcripts";
import { api, seedFixture, shopperToken, STAFF, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { platformAdminToken } from "../helpers/queue-fixture";

const HOUR = 3_600_000;
type Answer = { written?: number; kept?: number; error?: { code: string; message: string; details?: { field: string }[] } };

let platform: { id: string; token: string };
let agent: string;
beforeAll(async () => {
  await seedFixture();
  platform = await platformAdminToken();
  agent = await staffToken(STAFF.apparelAgent.email);
});

async function post(body: unknown, token = platform.token): Promise<{ status: number; body: Answer }> {
  const res = await api("/api/demo/transcripts", { method: "POST", token, headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer };
}

async function thread(threadId: string, token = agent): Promise<{ messages: ChatMessage[]; unread: { customer: number; agent: number } }> {
  const history = (await (await api(`/api/threads/${threadId}/messages?limit=100`, { token })).json()) as { messages: ChatMessage[] };
  const summary = (await (await api(`/api/threads/${threadId}`, { token })).json()) as { unread: { customer: number; agent: number } };
  return { messages: history.messages, unread: summary.unread };
}

/** A consultation two days ago: a question, the bot's answer, a hand-off and an agent's reply. */
function pastThread(customerId: string, text = "尺码怎么选", at = Date.now() - 48 * HOUR): ThreadTranscript {
  const base = { sessionId: `ds-t-${customerId}`, channel: "app", visibility: "all" } as const;
  const messages: TranscriptMessage[] = [
    { ...base, clientId: "demo-1", sender: { role: "customer", id: customerId, name: "林晓雨" }, kind: "text", body: { text }, createdAt: at },
    { ...base, clientId: "demo-2", sender: { role: "bot", id: "bot", name: "" }, kind: "text", body: { article: { id: "kb-x", question: "尺码怎么选", html: "<p>看尺码表</p>" } }, createdAt: at + 2_000 },
    { ...base, clientId: "demo-3", sender: { role: "system", id: "system", name: "system" }, kind: "system", body: { notice: { code: "agent.assigned", params: { name: "服饰客服小美" } } }, createdAt: at + 60_000 },
    { ...base, clientId: "demo-4", sender: { role: "agent", id: STAFF.apparelAgent.id, name: "服饰客服小美" }, kind: "text", body: { text: "建议选 M 码" }, createdAt: at + 90_000 },
  ];
  return { threadId: `apparel:${customerId}`, messages };
}

describe("the demo's past conversations", () => {
  it("go into their threads at their own times, read by both sides, and a second run replaces the first", async () => {
    const customerId = uniqueCustomer("dt");
    const past = pastThread(customerId);
    expect(await post({ threads: [past] })).toEqual({ status: 200, body: { written: 1, kept: 0 } });

    const seen = await thread(past.threadId);
    expect(seen.messages.map((m) => [m.seq, m.sender.role, m.body.text ?? m.body.article?.question ?? m.body.notice?.code, m.createdAt])).toEqual([
      [1, "customer", "尺码怎么选", past.messages[0]!.createdAt],
      [2, "bot", "尺码怎么选", past.messages[1]!.createdAt],
      [3, "system", "agent.assigned", past.messages[2]!.createdAt],
      [4, "agent", "建议选 M 码", past.messages[3]!.createdAt],
    ]);
    expect(seen.unread).toEqual({ customer: 0, agent: 0 });
    // The shopper sees the same history in their widget.
    const shopper = await shopperToken(customerId);
    expect((await thread(past.threadId, shopper)).messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);

    // The next `npm start` (a day later, say) writes the thread anew: no doubles, seq from 1.
    const again = pastThread(customerId, "衣服怎么洗", Date.now() - 24 * HOUR);
    expect((await post({ threads: [again] })).body).toEqual({ written: 1, kept: 0 });
    const now = await thread(past.threadId);
    expect(now.messages.map((m) => [m.seq, m.body.text])).toEqual([[1, "衣服怎么洗"], [2, undefined], [3, undefined], [4, "建议选 M 码"]]);
  });

  it("leave a thread with messages of its own as it is", async () => {
    const customerId = uniqueCustomer("dt");
    const past = pastThread(customerId);
    expect((await post({ threads: [past] })).body.written).toBe(1);
    // The shopper writes today: the thread is theirs now, and the demo's next run keeps out.
    const room = await getServerByName(env.ConversationRoom, past.threadId);
    await room.post({ clientId: "live-1", sender: { role: "customer", id: customerId, name: "林晓雨" }, kind: "text", body: { text: "在吗" }, channel: "app", entry: null });
    const before = (await thread(past.threadId)).messages;

    const other = pastThread(uniqueCustomer("dt"));
    expect(await post({ threads: [pastThread(customerId, "衣服怎么洗"), other] })).toEqual({ status: 200, body: { written: 1, kept: 1 } });
    const after = (await thread(past.threadId)).messages;
    expect(after).toEqual(before);
    expect(after.some((m) => m.body.text === "在吗")).toBe(true);
    expect(after.some((m) => m.body.text === "衣服怎么洗")).toBe(false);
  });

  it("are refused to anyone but a platform admin, with bad fields named, and write nothing then", async () => {
    const customerId = uniqueCustomer("dt");
    const past = pastThread(customerId);
    const agentTry = await post({ threads: [past] }, agent);
    expect(agentTry.status).toBe(403);
    expect((await api("/api/demo/transcripts", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ threads: [past] }) })).status).toBe(401);

    const shuffled = { ...past, messages: [past.messages[1]!, past.messages[0]!] };
    const badOrder = await post({ threads: [shuffled] });
    expect(badOrder.status).toBe(400);
    expect(badOrder.body.error!.details!.map((d) => d.field)).toEqual(["threads.0.messages"]);

    const future = { ...past, messages: [{ ...past.messages[0]!, createdAt: Date.now() + HOUR }] };
    const later = await post({ threads: [future] });
    expect(later.status).toBe(400);
    expect(later.body.error!.details!.map((d) => d.field)).toEqual(["threads.0.messages.0.createdAt"]);

    const badThread = await post({ threads: [{ ...past, threadId: "no-colon" }] });
    expect(badThread.body.error!.details!.map((d) => d.field)).toEqual(["threads.0.threadId"]);
    const badSender = await post({ threads: [{ ...past, messages: [{ ...past.messages[0]!, sender: { role: "hacker", id: "x", name: "x" } }] }] });
    expect(badSender.body.error!.details!.map((d) => d.field)).toEqual(["threads.0.messages.0.sender.role"]);

    expect((await thread(past.threadId)).messages).toEqual([]);
  });

  it("are refused outside demo mode", async () => {
    const past = pastThread(uniqueCustomer("dt"));
    const identity = { kind: "staff", id: platform.id, role: "platform_admin", shopId: "platform", name: "平台管理员" } as never;
    await expect(importTranscripts({ ...env, DEMO_MODE: "0" }, identity, { threads: [past] }, Date.now())).rejects.toMatchObject({ code: "not_found" });
    expect((await thread(past.threadId)).messages).toEqual([]);
  });

  it("come from the demo mall in bodies the route takes, every thread once", async () => {
    const { transcripts } = await generateDemoMall();
    const bodies = transcriptBodies(transcripts);
    expect(bodies.length).toBeGreaterThan(1);
    const threads = bodies.flatMap((b) => {
      expect(new TextEncoder().encode(b).length).toBeLessThanOrEqual(1024 * 1024); // the route's cap
      const { threads: some } = JSON.parse(b) as { threads: ThreadTranscript[] };
      expect(some.length).toBeLessThanOrEqual(100);
      return some;
    });
    expect(threads.map((t) => t.threadId)).toEqual(transcripts.map((t) => t.threadId));
  });
});
