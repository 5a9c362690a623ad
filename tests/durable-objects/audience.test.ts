/**
 * Who may hear that a customer's mall data changed (`seesShopData`): staff only, within their
 * scope. And the frames of a stored message, encoded once for the others and for its sender.
 */
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ServerEvent, type ChatMessage } from "../../core/protocol";
import { messageFrames, seesShopData } from "../../durable-objects/conversation/audience";
import type { ConnectionState } from "../../durable-objects/conversation/connection-state";

const agent = (shopId: string): ConnectionState => ({ role: "agent", id: `st-${shopId}`, name: "客服", shopId, staffRole: "shop_agent", channel: "pc", entry: null });
const shopper: ConnectionState = { role: "customer", id: "c1", name: "王", level: "gold", channel: "app", entry: null };

describe("seesShopData", () => {
  it.each([
    ["the thread's shop staff, their shop's change", agent("apparel"), "apparel", "apparel", true],
    ["the thread's shop staff, the profile", agent("apparel"), "apparel", null, true],
    ["the thread's shop staff, another shop's change", agent("apparel"), "apparel", "electronics", false],
    ["platform staff, any shop's change", agent("platform"), "electronics", "apparel", true],
    ["platform staff on the platform desk's thread", agent("platform"), "platform", "apparel", true],
    ["the shopper, their own shop's change", shopper, "apparel", "apparel", false],
    ["the shopper, the profile", shopper, "apparel", null, false],
    ["a connection without state", null, "apparel", null, false],
  ] as const)("%s → %s", (_label, state, threadShop, dataShop, sees) => {
    expect(seesShopData(state, threadShop, dataShop)).toBe(sees);
  });
});

describe("messageFrames", () => {
  const message: ChatMessage = {
    seq: 7, clientId: "c-\"7\"", threadId: "apparel:c1", sessionId: "ss1", sender: { role: "customer", id: "c1", name: "王\u2028小明" },
    kind: "text", body: { text: "到哪了？<script>\"😀\\" }, channel: "app", entry: { type: "order", id: "o1" }, visibility: "all", createdAt: 1_700_000_000_000,
  };
  const unread = { customer: 0, agent: 3 };

  it("is the JSON of message.created and of the sender's message.acked, with the unread counts", () => {
    const frames = messageFrames(message, unread);
    expect(JSON.parse(frames.created)).toEqual({ type: "message.created", message, unread });
    expect(JSON.parse(frames.acked(false))).toEqual({ type: "message.acked", clientId: message.clientId, seq: 7, duplicate: false, message, unread });
    for (const frame of [frames.created, frames.acked(false)]) expect(v.is(ServerEvent, JSON.parse(frame))).toBe(true);
  });

  it("leaves the counts out for a duplicate's ack", () => {
    expect(JSON.parse(messageFrames(message).acked(true))).toEqual({ type: "message.acked", clientId: message.clientId, seq: 7, duplicate: true, message });
  });
});
