/**
 * The invariants a thread must keep through any fault, checked against what clients saw:
 * each sent clientId stored exactly once, seqs gapless from 1, acks naming the stored seq, and
 * each client's view equal to the log as that client may read it.
 */
import { expect } from "vitest";
import type { ChatMessage } from "../../core/protocol";
import type { ResumingClient } from "./resuming-client";

/** `log` is the staff view of the thread (every message); each view pairs a client with its own audience's log. */
export async function expectConsistent(log: ChatMessage[], sent: string[], views: { client: ResumingClient; log: ChatMessage[] }[]): Promise<void> {
  expect(log.map((m) => m.seq)).toEqual(log.map((_, i) => i + 1));
  const bySeqClient = new Map<string, number[]>();
  for (const m of log) bySeqClient.set(m.clientId, [...(bySeqClient.get(m.clientId) ?? []), m.seq]);
  for (const clientId of sent) expect(bySeqClient.get(clientId), `clientId ${clientId} stored once`).toHaveLength(1);

  for (const { client, log: visible } of views) {
    const last = visible.at(-1)?.seq ?? 0;
    await client.until(() => client.maxSeq >= last, `${client.label} to see seq ${last}`);
    expect(client.redelivered, `${client.label} was shown a message twice`).toBe(0);
    expect(client.conflictingAcks, `${client.label} got acks naming two seqs for one message`).toEqual([]);
    for (const [clientId, seq] of client.acked) expect(bySeqClient.get(clientId), `${client.label}'s ack of ${clientId}`).toEqual([seq]);
    const seen = [...client.view.values()].sort((a, b) => a.seq - b.seq).map((m) => [m.seq, m.clientId]);
    expect(seen, `${client.label}'s view equals the log`).toEqual(visible.map((m) => [m.seq, m.clientId]));
  }
}
