/**
 * `npm run bench:queue`: assignment decisions of the AgentQueue with 500 agents online and
 * 5,000 sessions waiting. Drives the object's own engine (core/domain/assignment/queue-engine.ts)
 * in Node: workerd does not advance clocks during synchronous code, so timing inside the object
 * is not observable; SQLite write-back is not included.
 *
 * Options: --agents N (500) --waiting N (5000) --decisions N (5000) --groups N (5)
 */
import { performance } from "node:perf_hooks";
import { QueueEngine, type WaitingState } from "../core/domain/assignment";
import { argValue } from "../scripts/lib/eval-args";
import { r3, summarize } from "./lib/stats";

const AGENTS = Number(argValue("--agents") ?? 500);
const WAITING = Number(argValue("--waiting") ?? 5000);
const DECISIONS = Number(argValue("--decisions") ?? 5000);
const GROUPS = Number(argValue("--groups") ?? 5);
const CAPACITY = 5;

const groupKeys = Array.from({ length: GROUPS }, (_, i) => `g${i}`);
const engine = new QueueEngine();
for (const key of groupKeys) {
  engine.groups.set(key, { key, name: key, nameEn: key, policy: key === "g1" ? "round_robin" : "least_loaded", fallbackKey: null, maxWaitSec: 120, stickySec: 300, onAgentOffline: "requeue" });
}
for (let i = 0; i < AGENTS; i++) {
  const groups = [groupKeys[i % GROUPS]!, groupKeys[(i * 7 + 3) % GROUPS]!];
  engine.agents.set(`a${i}`, { id: `a${i}`, name: `a${i}`, status: "online", connected: true, disconnectedAt: null, groups: [...new Set(groups)], load: 0, capacity: CAPACITY, seniority: 1 + (i % 3), lastAssignedAt: 0 });
}

let seq = 0;
let clock = 1_700_000_000_000;
function session(): WaitingState {
  const n = seq++;
  return {
    sessionId: `s${n}`, threadId: `shop:c${n}`, customerId: `c${n}`, customerName: `c${n}`, level: n % 25 === 0 ? "vip" : "normal",
    groupKey: groupKeys[n % GROUPS]!, priority: n % 25 === 0 ? 8 : 0, seniorOnly: n % 50 === 0, stickyAgentId: null, stickyUntil: null,
    enqueuedAt: clock++, overflowed: false, preview: "",
  };
}

// Fill every seat, then build the waiting list behind them.
const seated: string[] = [];
while (engine.active.size < AGENTS * CAPACITY && seq < AGENTS * CAPACITY * 2) {
  const s = session();
  engine.enqueue(s, clock++);
  if (engine.active.has(s.sessionId)) seated.push(s.sessionId);
}
for (const id of engine.waiting.keys()) engine.release(id, clock);
for (let i = 0; i < WAITING; i++) engine.enqueue(session(), clock++);
engine.takeChanges();
console.log(`agents online ${AGENTS} (capacity ${CAPACITY} each, ${engine.active.size} chats), waiting ${engine.waiting.size}, groups ${GROUPS}`);

// A decision: a chat ends, its seat is given to the best waiting session (release → drain).
const release: number[] = [];
// And: a new session arrives while everyone is busy (enqueue → drain finds no seat).
const arrive: number[] = [];
let assigned = 0;
const started = performance.now();
for (let i = 0; i < DECISIONS; i++) {
  const done = seated.shift()!;
  let t = performance.now();
  const { assignments } = engine.release(done, clock++);
  release.push(performance.now() - t);
  assigned += assignments.length;
  for (const a of assignments) seated.push(a.session.sessionId);
  t = performance.now();
  engine.enqueue(session(), clock++);
  arrive.push(performance.now() - t);
  engine.takeChanges();
}
const elapsed = (performance.now() - started) / 1000;
const rel = summarize(release);
const arr = summarize(arrive);
console.log(`seat freed → assignment   p50 ${r3(rel.p50)} ms  p95 ${r3(rel.p95)} ms  p99 ${r3(rel.p99)} ms  max ${r3(rel.max)} ms  (${rel.n} decisions, ${assigned} assigned)`);
console.log(`arrival, all seats taken  p50 ${r3(arr.p50)} ms  p95 ${r3(arr.p95)} ms  p99 ${r3(arr.p99)} ms  max ${r3(arr.max)} ms`);
console.log(`assignments per second: ${Math.round(assigned / elapsed)} (with one arrival per assignment)`);
console.log(JSON.stringify({ p50_ms: r3(rel.p50), p99_ms: r3(rel.p99), per_s: Math.round(assigned / elapsed), arrival_p99_ms: r3(arr.p99), agents: AGENTS, waiting: engine.waiting.size }));
