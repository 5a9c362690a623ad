/**
 * Writes the demo mall's past conversations (the seed's `.wrangler/seed/transcripts.json`) into
 * their threads through the running Worker: `POST /api/demo/transcripts` as the demo platform
 * admin, in bodies of at most ~256 KB. A thread with messages of its own keeps them.
 */
import { readFileSync } from "node:fs";
import type { ThreadTranscript, TranscriptImportResult } from "../../core/protocol/demo";
import { DEMO_LOGINS } from "../demo-mall/generate";

export const TRANSCRIPTS_FILE = ".wrangler/seed/transcripts.json";
const BODY_BYTES = 256 * 1024;
const THREADS_PER_BODY = 100;

/** Bodies of whole threads, each under the size and count the route takes. */
export function transcriptBodies(threads: readonly ThreadTranscript[]): string[] {
  const bodies: string[] = [];
  let batch: string[] = [];
  let bytes = 0;
  for (const thread of threads) {
    const json = JSON.stringify(thread);
    const size = Buffer.byteLength(json);
    if (batch.length && (bytes + size > BODY_BYTES || batch.length === THREADS_PER_BODY)) {
      bodies.push(`{"threads":[${batch.join(",")}]}`);
      batch = [];
      bytes = 0;
    }
    batch.push(json);
    bytes += size + 1;
  }
  if (batch.length) bodies.push(`{"threads":[${batch.join(",")}]}`);
  return bodies;
}

/** The seed's past conversations, as `scripts/seed.ts` wrote them. */
export function readTranscripts(file = TRANSCRIPTS_FILE): ThreadTranscript[] {
  return JSON.parse(readFileSync(file, "utf8")) as ThreadTranscript[];
}

/** Writes the threads' past messages through the Worker at `base`, as the demo platform admin. */
export async function writeDemoTranscripts(base: string, threads: readonly ThreadTranscript[]): Promise<TranscriptImportResult> {
  const admin = DEMO_LOGINS.find((l) => l.role === "platform_admin")!;
  const login = await fetch(`${base}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: admin.email, password: admin.password }) });
  if (!login.ok) throw new Error(`demo login failed: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const total: TranscriptImportResult = { written: 0, kept: 0 };
  try {
    for (const body of transcriptBodies(threads)) {
      const res = await fetch(`${base}/api/demo/transcripts`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
      if (!res.ok) throw new Error(`writing the demo's past conversations failed: ${res.status} ${await res.text()}`);
      const done = (await res.json()) as TranscriptImportResult;
      total.written += done.written;
      total.kept += done.kept;
    }
  } finally {
    await fetch(`${base}/api/auth/logout`, { method: "POST", headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  }
  return total;
}
