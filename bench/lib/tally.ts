/**
 * The benchmark's bookkeeping: every message sent, by clientId, with when it was sent, whether
 * the server acked it and how many times the agent received it. Lost and duplicated messages are
 * counted from this, never estimated.
 */
import { summarize } from "./stats";

/** Which part of the run a message belongs to; only `measure` counts towards the headline. */
export type Phase = "first" | "warmup" | "measure";

/** Who serves the sender's thread: the bot, or an agent who took it over. */
export type ServedBy = "bot" | "agent";

interface Sent {
  at: number;
  phase: Phase;
  servedBy: ServedBy;
  acked: boolean;
  refused: boolean;
  delivered: number;
}

/** Latency percentiles in ms, rounded to 0.01 ms. */
export interface LatencySummary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

const r2 = (x: number) => Math.round(x * 100) / 100;

/** Bookkeeping of a whole run, shared by every thread's sockets. */
export class Tally {
  private readonly sent = new Map<string, Sent>();
  private readonly latency: Record<Phase, number[]> = { first: [], warmup: [], measure: [] };
  /** Measured latency by who serves the thread: a wait only one kind of thread sees points at its own work. */
  private readonly measuredBy: Record<ServedBy, number[]> = { bot: [], agent: [] };
  /** Worst measured latency of each second of sending: stalls show up as spikes at their time. */
  private readonly worstBySecond = new Map<number, number>();
  /** How late the load generator sent measured messages against their schedule (its own lag). */
  readonly sendLag: number[] = [];
  readonly errors = new Map<string, number>();
  duplicated = 0;
  /** Deliveries of clientIds this run never sent (should stay 0). */
  unknown = 0;
  closes = 0;
  /** Bot-served threads whose session left the bot (handed off to a person) during the run. */
  botHandOffs = 0;

  recordSend(clientId: string, phase: Phase, at: number, servedBy: ServedBy): void {
    this.sent.set(clientId, { at, phase, servedBy, acked: false, refused: false, delivered: 0 });
  }

  recordAck(clientId: string): void {
    const s = this.sent.get(clientId);
    if (s) s.acked = true;
  }

  /** An error frame: counted by code; one naming a clientId means that message was refused. */
  recordError(code: string, clientId?: string): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
    const s = clientId ? this.sent.get(clientId) : undefined;
    if (s) s.refused = true;
  }

  recordDelivery(clientId: string, at: number): void {
    const s = this.sent.get(clientId);
    if (!s) {
      this.unknown++;
      return;
    }
    s.delivered++;
    if (s.delivered > 1) {
      this.duplicated++;
      return;
    }
    this.latency[s.phase].push(at - s.at);
    if (s.phase === "measure") {
      this.measuredBy[s.servedBy].push(at - s.at);
      const sec = Math.floor(s.at / 1000);
      this.worstBySecond.set(sec, Math.max(this.worstBySecond.get(sec) ?? 0, at - s.at));
    }
  }

  /** Worst latency per second of the measured window, in order (ms, rounded). */
  timeline(): number[] {
    return [...this.worstBySecond.entries()].sort((a, b) => a[0] - b[0]).map(([, ms]) => Math.round(ms));
  }

  /** Messages sent and not refused that the agent has not received yet (in flight, or lost). */
  outstanding(): number {
    let n = 0;
    for (const s of this.sent.values()) if (!s.refused && s.delivered === 0) n++;
    return n;
  }

  /** Lost: the server took responsibility (acked; for the relay, which never acks: sent) and the agent never got it. */
  private lost(needsAck: boolean): number {
    let n = 0;
    for (const s of this.sent.values()) if ((s.acked || (!needsAck && !s.refused)) && s.delivered === 0) n++;
    return n;
  }

  /** Totals for the report. `needsAck`: the product acks; the bare relay does not. */
  totals(needsAck: boolean) {
    let sent = 0;
    let acked = 0;
    let unacked = 0;
    let refused = 0;
    let measuredDelivered = 0;
    let measuredSent = 0;
    for (const s of this.sent.values()) {
      sent++;
      if (s.acked) acked++;
      else if (s.refused) refused++;
      else if (needsAck) unacked++;
      if (s.phase === "measure") measuredSent++;
      if (s.phase === "measure" && s.delivered > 0) measuredDelivered++;
    }
    return { sent, acked, unacked, refused, lost: this.lost(needsAck), duplicated: this.duplicated, unknown: this.unknown, measuredSent, measuredDelivered };
  }

  /** Delivery latency of one phase. */
  summary(phase: Phase): LatencySummary {
    return latencySummary(this.latency[phase]);
  }

  /** The latencies of one phase, as measured (ms). */
  latencies(phase: Phase): number[] {
    return [...this.latency[phase]];
  }

  /** Measured delivery latency of the threads one side serves. */
  summaryOf(servedBy: ServedBy): LatencySummary {
    return latencySummary(this.measuredBy[servedBy]);
  }
}

/** Percentiles of latencies in ms, rounded to 0.01 ms. */
export function latencySummary(values: number[]): LatencySummary {
  const s = summarize(values);
  return { n: s.n, p50: r2(s.p50), p95: r2(s.p95), p99: r2(s.p99), max: r2(s.max), mean: r2(s.mean) };
}
