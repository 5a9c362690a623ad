/**
 * A CPU profile of the Worker (every object of it: workerd runs them in one isolate) over the
 * measured window, through the devtools inspector (Chrome DevTools Protocol). The file opens in
 * Chrome's Performance panel; `summarizeProfile` prints where the time went without one.
 *
 * The inspector costs CPU itself (wrangler turns each subrequest into devtools events), so a
 * profiled run's latencies are not figures to publish: profile to find the work, not to time it.
 */
import { writeFileSync } from "node:fs";
import WS from "ws";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Connects to the inspector at `port` and enables the profiler; `start()` begins sampling every
 * `intervalUs`. With the inspector attached, workerd also turns every D1 subrequest into devtools
 * network events for wrangler; at the benchmark's default load that saturated it and the
 * profiler's commands went unanswered, so connect before the load and profile a lighter one.
 */
export async function openProfiler(port: number, intervalUs = 250): Promise<{ start(): Promise<void>; stop(): Promise<CpuProfile> }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  const url = targets[0]?.webSocketDebuggerUrl;
  if (!url) throw new Error(`no inspector target on port ${port}`);
  const ws = new WS(url, { maxPayload: 2 ** 30 });
  await new Promise((resolve, reject) => {
    ws.once("open", resolve);
    ws.once("error", reject);
  });
  let nextId = 1;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.on("message", (data) => {
    const msg = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result);
  });
  const call = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  await call("Profiler.enable");
  await call("Profiler.setSamplingInterval", { interval: intervalUs });
  return {
    async start() {
      await call("Profiler.start");
    },
    async stop() {
      const { profile } = (await call("Profiler.stop")) as { profile: CpuProfile };
      ws.close();
      return profile;
    },
  };
}

/** Writes the profile and prints the functions with the most self time and the heaviest subtrees. */
export function saveProfile(profile: CpuProfile, file: string, top = 30): void {
  writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    all += us;
    self.set(name(node), (self.get(name(node)) ?? 0) + us);
    // Inclusive time, counted once per function per stack (recursion would double it).
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const key = name(byId.get(cur)!);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + us);
    }
  }
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const idle = self.get("(idle) :0") ?? 0;
  const print = (title: string, m: Map<string, number>) => {
    console.error(`\n${title}`);
    for (const [k, us] of [...m].filter(([k]) => !k.startsWith("(idle)") && !k.startsWith("(root)")).sort((a, b) => b[1] - a[1]).slice(0, top)) {
      console.error(`  ${(us / 1000).toFixed(0).padStart(7)} ms  ${((100 * us) / (all - idle)).toFixed(1).padStart(5)} %  ${k}`);
    }
  };
  console.error(`\nprofile → ${file}: ${wallMs.toFixed(0)} ms wall, ${((all - idle) / 1000).toFixed(0)} ms busy in the isolate`);
  print("self time", self);
  print("inclusive time", total);
}
