import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../core/protocol";
import { STAFF, api, seedFixture, shopperToken, staffToken, uniqueCustomer } from "../helpers/fixtures";
import { cid, connect } from "../helpers/socket";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const OGG = new Uint8Array([...new TextEncoder().encode("OggS"), 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

let agentToken: string;
beforeAll(async () => {
  await seedFixture();
  agentToken = await staffToken(STAFF.apparelAgent.email);
});

async function upload(thread: string, token: string, type: string, body: BodyInit) {
  return api(`/api/threads/${thread}/uploads`, { method: "POST", token, headers: { "content-type": type }, body });
}

async function objectCount(prefix: string): Promise<number> {
  return (await env.FILES.list({ prefix })).objects.length;
}

describe("uploads: images and voice to R2, served only to the thread's participants", () => {
  it("stores an image, sends it as a message, and serves it to the shopper and the agent only", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const res = await upload(thread, token, "image/png", PNG);
    expect(res.status).toBe(201);
    const file = (await res.json()) as { key: string; mime: string; size: number };
    expect(file).toMatchObject({ mime: "image/png", size: PNG.length });
    expect(file.key.startsWith(`threads/apparel/${customer}/`)).toBe(true);

    const shopper = await connect(thread, token);
    const agent = await connect(thread, agentToken);
    await agent.next("room.joined");
    shopper.send({ type: "message.send", clientId: cid(), kind: "image", key: file.key });
    const { message } = await agent.next("message.created", (e) => e.message.kind === "image");
    expect(message.body.attachment).toMatchObject({ key: file.key, mime: "image/png", size: PNG.length });

    for (const t of [token, agentToken]) {
      const got = await api(`/api/files/${file.key}`, { token: t });
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("image/png");
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(PNG);
    }
    const other = await api(`/api/files/${file.key}`, { token: await staffToken(STAFF.electronicsAgent.email) });
    expect(other.status).toBe(403);
    expect((await api(`/api/files/${file.key}`, { token: await shopperToken("someone") })).status).toBe(403);
    [shopper, agent].forEach((c) => c.close());
  });

  it("stores a voice clip and sends it as a voice message", async () => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const token = await shopperToken(customer);
    const file = (await (await upload(thread, token, "audio/ogg", OGG)).json()) as { key: string };
    const shopper = await connect(thread, token, { channel: "app" });
    shopper.send({ type: "message.send", clientId: cid(), kind: "voice", key: file.key, durationSec: 3 });
    const { message } = await shopper.next("message.acked");
    expect(message).toMatchObject({ kind: "voice", body: { attachment: { mime: "audio/ogg", durationSec: 3 } } });
    // An image key cannot be sent as voice and vice versa.
    shopper.send({ type: "message.send", clientId: cid(), kind: "image", key: file.key });
    expect((await shopper.next("error")).error.message).toMatch(/cannot be sent as image/);
    shopper.close();
  });

  it.each([
    ["a type not accepted", "application/x-sh", new TextEncoder().encode("#!/bin/sh\nrm -rf /"), 415, /Content-Type application\/x-sh is not accepted/],
    ["bytes that are not the declared type", "image/png", new TextEncoder().encode("<script>alert(1)</script>"), 415, /not a image\/png file/],
    ["an empty file", "image/jpeg", new Uint8Array(0), 400, /empty/],
    ["an image over the size limit", "image/png", new Uint8Array(LIMITS.imageMaxBytes + 1).fill(0x89), 413, /at most/],
  ])("refuses %s and stores nothing", async (_name, type, body, status, message) => {
    const customer = uniqueCustomer();
    const thread = `apparel:${customer}`;
    const res = await upload(thread, await shopperToken(customer), type as string, body as Uint8Array);
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message as RegExp);
    expect(await objectCount(`threads/apparel/${customer}/`)).toBe(0);
  });

  it("refuses uploads to another customer's thread and without a token", async () => {
    const customer = uniqueCustomer();
    expect((await upload(`apparel:${customer}`, await shopperToken("other"), "image/png", PNG)).status).toBe(403);
    expect((await upload(`apparel:${customer}`, await staffToken(STAFF.electronicsAgent.email), "image/png", PNG)).status).toBe(403);
    expect((await api(`/api/threads/apparel:${customer}/uploads`, { method: "POST", headers: { "content-type": "image/png" }, body: PNG })).status).toBe(401);
    expect(await objectCount(`threads/apparel/${customer}/`)).toBe(0);
  });
});
