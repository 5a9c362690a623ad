/**
 * Hostile socket frames for the room, drawn from a seeded generator. Every frame made here must
 * be refused (an error frame, nothing stored): wrong types, missing and extra fields, huge and
 * deeply nested values, binary and invalid UTF-8, numbers JSON cannot carry, other threads' and
 * other shops' ids, and commands the sender's role may not give.
 */
import { LIMITS } from "../../core/protocol";
import type { Rng } from "./prng";

/** A text frame, or a binary one. */
export type Frame = string | Uint8Array;

const TYPES = ["message.send", "typing.set", "read.mark", "history.sync", "session.resolve", "leave_message.submit"];
const clientId = (r: Rng) => `fz_${r.string(12, "abcdefghijklmnopqrstuvwxyz0123456789")}`;
/** Values no field of any command accepts: never a boolean, a whole number ≥ 0 or a non-empty string. */
const junk = (r: Rng): unknown => r.pick<unknown>([null, -1, 1.5, -1e308, "", [], {}, [1, "a"], { a: { b: null } }]);

/** `[[[…]]]` (or `{"a":{"a":…}}`) nested `depth` deep, as raw JSON text. */
export function deepJson(depth: number, kind: "array" | "object" = "array"): string {
  return kind === "array" ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** Bytes that are not valid UTF-8 (lone continuation bytes, overlongs, surrogates, 0xFF). */
export function invalidUtf8(r: Rng): Uint8Array {
  const bad = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe, 0xfe], [0xf4, 0x90, 0x80, 0x80]];
  const bytes: number[] = [];
  for (let i = r.int(1, 30); i > 0; i--) bytes.push(...(r.next() < 0.5 ? r.pick(bad) : [r.int(0x20, 0x7e)]));
  return new Uint8Array(bytes);
}

/** Frames refused whoever sends them. `ids` names things that belong to other threads and shops. */
function anyone(r: Rng, ids: { foreignKey: string; foreignOrder: string; foreignProduct: string }): Frame[] {
  const send = (extra: Record<string, unknown>) => JSON.stringify({ type: "message.send", clientId: clientId(r), ...extra });
  return [
    r.string(r.int(1, 200)),
    JSON.stringify(r.pick<unknown>([junk(r), true, 42, "ping", r.string(r.int(1, 40))])),
    JSON.stringify({ type: r.string(r.int(0, 20)) }),
    JSON.stringify({ type: r.pick(TYPES), ...Object.fromEntries([[r.pick(["clientId", "kind", "text", "seq", "afterSeq", "typing"]), junk(r)]]) }),
    send({ kind: "text", text: r.pick<unknown>(["", "   ", 42, null, ["x"], { text: "x" }, "长".repeat(LIMITS.textMaxChars + r.int(1, 100))]) }),
    JSON.stringify({ type: "message.send", clientId: r.pick<unknown>(["", "short", "has space!", "x".repeat(65), 12345678, null, "../../etc"]), kind: "text", text: "hi" }),
    send({ kind: r.pick(["video", "html", "TEXT", "", "system", "bot"]), text: "hi" }),
    send({ kind: r.pick(["image", "voice"]), key: r.pick(["../../etc/passwd", "http://evil.example/x.png", "", "threads/", ids.foreignKey]) }),
    send({ kind: "order_card", orderId: r.pick([ids.foreignOrder, "no-such-order", "", "x".repeat(65)]) }),
    send({ kind: "product_card", productId: r.pick([ids.foreignProduct, "no-such-product", ""]) }),
    send({ kind: "voice", key: ids.foreignKey, durationSec: r.pick([-1, 301, "10"]) }),
    JSON.stringify({ type: "typing.set", typing: r.pick<unknown>(["yes", 1, null, {}]) }),
    JSON.stringify({ type: r.pick(["read.mark", "history.sync"]), [r.next() < 0.5 ? "seq" : "afterSeq"]: r.pick<unknown>([-1, 1.5, "1", null, -1e308, [], {}]) }),
    // NaN and Infinity are not JSON; clients that try send them as bare words.
    `{"type":"read.mark","seq":${r.pick(["NaN", "Infinity", "-Infinity", "0x10", "1e999999"])}}`,
    JSON.stringify({ type: "leave_message.submit", text: r.pick<unknown>(["", "   ", null, 7]), contact: "x" }),
    JSON.stringify({ type: "leave_message.submit", text: "ok", contact: "x".repeat(65) }),
    JSON.stringify({ type: "session.rate", sessionId: r.pick<unknown>(["", null, 7, "x".repeat(65), "ss_nope"]), score: r.pick<unknown>([0, 6, 2.5, "4", null, -1, 1e9]) }),
    JSON.stringify({ type: "session.rate", sessionId: "ss_nope", score: 4, comment: r.pick<unknown>([42, ["x"], "长".repeat(LIMITS.ratingCommentMaxChars + r.int(1, 50))]) }),
    `{"type":"message.send","__proto__":{"kind":"text","text":"polluted"},"clientId":"${clientId(r)}"}`,
    `{"type":"message.send","clientId":"${clientId(r)}","kind":"text","text":${deepJson(r.int(100, 2000))}}`,
    deepJson(r.int(1000, LIMITS.frameMaxBytes / 2 - 10), r.next() < 0.5 ? "array" : "object").slice(0, LIMITS.frameMaxBytes),
    send({ kind: "text", text: "x".repeat(LIMITS.frameMaxBytes + r.int(1, 5000)) }),
    invalidUtf8(r),
    new Uint8Array(Array.from({ length: r.int(0, 64) }, () => r.int(0, 255))),
  ];
}

/** A shopper's frames: the shared ones plus commands only staff may give. */
export function shopperFrame(r: Rng, ids: Parameters<typeof anyone>[1]): Frame {
  const staffOnly = [
    JSON.stringify({ type: "session.resolve" }),
    JSON.stringify({ type: "message.send", clientId: clientId(r), kind: "note", text: "internal?" }),
    JSON.stringify({ type: "session.invite_rating", sessionId: "ss_any" }),
  ];
  return r.pick([...anyone(r, ids), ...staffOnly]);
}

/** A shop agent's frames: the shared ones plus a resolve with no open session, an invitation of no session and shopper-only commands. */
export function agentFrame(r: Rng, ids: Parameters<typeof anyone>[1]): Frame {
  const refused = [
    JSON.stringify({ type: "session.resolve" }),
    JSON.stringify({ type: "leave_message.submit", text: "我是客服" }),
    JSON.stringify({ type: "session.rate", sessionId: "ss_any", score: 5 }),
    JSON.stringify({ type: "session.invite_rating", sessionId: "ss_nope" }),
  ];
  return r.pick([...anyone(r, ids), ...refused]);
}
