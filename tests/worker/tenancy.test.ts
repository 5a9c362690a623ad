import { beforeAll, describe, expect, it } from "vitest";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect, socketTicketFor } from "../helpers/socket";

let apparelAgent: string;
let electronicsAgent: string;
let platformAgent: string;
beforeAll(async () => {
  await seedFixture();
  [apparelAgent, electronicsAgent, platformAgent] = await Promise.all([
    staffToken(STAFF.apparelAgent.email),
    staffToken(STAFF.electronicsAgent.email),
    staffToken(STAFF.platformAgent.email),
  ]);
});

async function threadWithMessage(): Promise<string> {
  const customer = uniqueCustomer();
  const thread = `electronics:${customer}`;
  const shopper = await connect(thread, await shopperToken(customer));
  shopper.send({ type: "message.send", clientId: cid(), kind: "text", text: "手机有货吗" });
  await shopper.next("message.acked");
  shopper.close();
  return thread;
}

describe("tenancy: a shop's staff never reach another shop's threads", () => {
  it("refuses a shop-A agent's socket to a shop-B thread", async () => {
    const thread = await threadWithMessage();
    await expect(connect(thread, apparelAgent)).rejects.toMatchObject({ status: 403 });
    const own = await connect(thread, electronicsAgent);
    expect((await own.next("messages.synced")).messages.map((m) => m.body.text)).toEqual(["手机有货吗"]);
    own.close();
  });

  it("refuses a shop-A agent's HTTP reads of a shop-B thread, its history and its files", async () => {
    const thread = await threadWithMessage();
    for (const path of [`/api/threads/${thread}`, `/api/threads/${thread}/messages`, `/api/files/threads/${thread.replace(":", "/")}/f_x.png`]) {
      const res = await api(path, { token: apparelAgent });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const list = (await (await api("/api/threads", { token: apparelAgent })).json()) as { threads: { threadId: string }[] };
    expect(list.threads.map((t) => t.threadId)).not.toContain(thread);
    const forbidden = await api("/api/threads?shop=electronics", { token: apparelAgent });
    expect(forbidden.status).toBe(403);
  });

  it("lets platform staff join any shop's thread (平台介入)", async () => {
    const thread = await threadWithMessage();
    const platform = await connect(thread, platformAgent);
    expect((await platform.next("messages.synced")).messages).toHaveLength(1);
    platform.close();
    const list = (await (await api("/api/threads?shop=electronics", { token: platformAgent })).json()) as { threads: { threadId: string }[] };
    expect(list.threads.map((t) => t.threadId)).toContain(thread);
  });

  it("refuses a shopper on another customer's thread, and bad or missing tokens", async () => {
    const thread = await threadWithMessage();
    await expect(connect(thread, await shopperToken("intruder"))).rejects.toMatchObject({ status: 403 });
    await expect(connect(thread, "not-a-token")).rejects.toMatchObject({ status: 401 });
    const expired = await shopperToken(thread.split(":")[1]!, "x", { exp: Math.floor(Date.now() / 1000) - 60 });
    await expect(connect(thread, expired)).rejects.toMatchObject({ status: 401 });
    const res = await api(`/api/threads/${thread}/messages`);
    expect(res.status).toBe(401);
  });

  it("never lets a client forge the identity header", async () => {
    const thread = await threadWithMessage();
    const customer = thread.split(":")[1]!;
    const forged = btoa(JSON.stringify({ role: "agent", id: "st-e1", name: "x", channel: "pc", entry: null }));
    const token = await shopperToken(customer);
    const ticket = await socketTicketFor(token, "conversation-room", thread);
    const res = await api(`/parties/conversation-room/${thread}?ticket=${ticket}`, { headers: { upgrade: "websocket", "x-kefu-identity": forged } });
    const ws = res.webSocket!;
    ws.accept();
    const first = await new Promise<{ type: string; role: string }>((resolve) => ws.addEventListener("message", (e) => resolve(JSON.parse(e.data as string)), { once: true }));
    expect(first).toMatchObject({ type: "room.joined", role: "customer" });
    ws.close();
  });
});
