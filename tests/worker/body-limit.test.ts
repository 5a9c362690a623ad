/**
 * Body size caps (worker/middleware/body-limit.ts): an oversized body is refused with 413 and the
 * one error body before any route reads it, whether it says its length or streams it, and nothing
 * it carried is stored; routes whose valid bodies are larger keep their own caps.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { JSON_BODY_MAX_BYTES } from "../../worker/middleware/body-limit";
import { LOGIN_MAX_FAILURES } from "../../worker/services/auth";
import { PASSWORD, STAFF, api, seedFixture, staffToken } from "../helpers/fixtures";

let admin: string;
beforeAll(async () => {
  await seedFixture();
  admin = await staffToken(STAFF.apparelAdmin.email);
});

const MB = 1024 * 1024;
const json = { "content-type": "application/json" };
type ErrorAnswer = { error: { code: string; message: string; details?: { maxBytes: number } } };

/** A login body padded to `bytes` with a long password field. */
function bigLogin(email: string, password: string, bytes: number): string {
  const head = JSON.stringify({ email, password, pad: "" });
  return head.replace(`"pad":""`, `"pad":"${"x".repeat(bytes - head.length)}"`);
}

/** A body that never says its length: the cap must be counted while it streams in. */
function streamed(body: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(body);
  return new ReadableStream({
    start(controller) {
      for (let at = 0; at < bytes.length; at += 16 * 1024) controller.enqueue(bytes.slice(at, at + 16 * 1024));
      controller.close();
    },
  });
}

async function expectTooLarge(res: Response, maxBytes: number): Promise<void> {
  expect(res.status).toBe(413);
  const body = (await res.json()) as ErrorAnswer;
  expect(body.error.code).toBe("payload_too_large");
  expect(body.error.message).toContain(String(maxBytes));
  expect(body.error.details).toEqual({ maxBytes });
}

describe("JSON body caps", () => {
  it("refuses a 1 MB login with 413, even with the right password, and issues no session", async () => {
    const body = bigLogin(STAFF.apparelAgent.email, PASSWORD, MB);
    expect(body.length).toBe(MB);
    await expectTooLarge(await api("/api/auth/login", { method: "POST", headers: json, body }), JSON_BODY_MAX_BYTES);
  });

  it("refuses a streamed 1 MB login that sends no Content-Length", async () => {
    const res = await api("/api/auth/login", { method: "POST", headers: json, body: streamed(bigLogin(STAFF.apparelAgent.email, PASSWORD, MB)) });
    await expectTooLarge(res, JSON_BODY_MAX_BYTES);
  });

  it("records nothing for oversized logins: they never count toward the account's lockout", async () => {
    for (let i = 0; i < LOGIN_MAX_FAILURES + 2; i++) {
      expect((await api("/api/auth/login", { method: "POST", headers: json, body: bigLogin(STAFF.platformAgent.email, "wrong", 128 * 1024) })).status).toBe(413);
    }
    const res = await api("/api/auth/login", { method: "POST", headers: json, body: JSON.stringify({ email: STAFF.platformAgent.email, password: PASSWORD }) });
    expect(res.status).toBe(200);
  });

  it("still accepts a login body just under the cap", async () => {
    const res = await api("/api/auth/login", { method: "POST", headers: json, body: bigLogin(STAFF.apparelAgent.email, PASSWORD, JSON_BODY_MAX_BYTES) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { token: string }).token).toMatch(/^st_/);
  });

  it("refuses an oversized admin body and stores nothing (canned reply)", async () => {
    const before: unknown = await (await api("/api/canned-replies", { token: admin })).json();
    const text = "长".repeat(40_000); // 120 KB of UTF-8
    const res = await api("/api/canned-replies", { method: "POST", token: admin, headers: json, body: JSON.stringify({ scope: "personal", shortcut: "huge", title: "t", text }) });
    await expectTooLarge(res, JSON_BODY_MAX_BYTES);
    expect(await (await api("/api/canned-replies", { token: admin })).json()).toEqual(before);
  });

  it("refuses an oversized routing rule list with 413 and keeps the stored rules", async () => {
    const before = await (await api("/api/admin/rules", { token: admin })).json();
    const rules = Array.from({ length: 100 }, (_, i) => ({ id: `r${i}`, name: `rule ${i}`, position: i, conditions: { keywords: Array.from({ length: 100 }, () => "关".repeat(50)) }, actions: { groupKey: "presales" } }));
    const body = JSON.stringify({ rules });
    expect(body.length * 3).toBeGreaterThan(MB);
    await expectTooLarge(await api("/api/admin/rules", { method: "PUT", token: admin, headers: json, body }), MB);
    expect(await (await api("/api/admin/rules", { token: admin })).json()).toEqual(before);
  });

  it("lets an article with many phrasings (over 64 KB) through its larger cap", async () => {
    const altQuestions = Array.from({ length: 150 }, (_, i) => `${i} ${"请问这件衣服会不会缩水".repeat(15)}`);
    const body = JSON.stringify({ question: "会缩水吗", answer: "纯棉面料首次洗涤约缩 3%。", altQuestions });
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(JSON_BODY_MAX_BYTES);
    const res = await api("/api/admin/knowledge", { method: "POST", token: admin, headers: json, body });
    expect(res.status).toBe(201);
  });
});
