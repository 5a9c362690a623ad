/**
 * What "nothing stored" is checked against: the row count of every D1 table, the R2 objects
 * under `threads/`, and a room's last seq. Taken before and after a fuzz run and compared.
 */
import { env } from "cloudflare:workers";
import { getServerByName } from "partyserver";

/** Row counts of every application table (D1's own bookkeeping excluded). */
export async function d1Counts(except: string[] = []): Promise<Record<string, number>> {
  const tables = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%' AND name NOT LIKE '%_fts%' ORDER BY name`,
  ).all<{ name: string }>();
  const out: Record<string, number> = {};
  for (const { name } of tables.results) {
    if (except.includes(name)) continue;
    out[name] = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).first<{ n: number }>())!.n;
  }
  return out;
}

/** Number of uploaded files. */
export async function fileCount(): Promise<number> {
  return (await env.FILES.list({ prefix: "threads/" })).objects.length;
}

/** The last seq of a thread's log. */
export async function lastSeq(threadId: string): Promise<number> {
  return (await (await getServerByName(env.ConversationRoom, threadId)).summary()).lastSeq;
}
