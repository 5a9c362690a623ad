/**
 * Demo only: writes the demo mall's past conversations into their threads (`npm start` posts
 * them after seeding D1). Refused unless DEMO_MODE is "1", and to anyone but a platform admin:
 * it writes messages in any sender's name.
 */
import { getServerByName } from "partyserver";
import type { TranscriptImportBody, TranscriptImportResult } from "../../core/protocol/demo";
import { DomainError, fieldError } from "../../core/domain/errors";
import type { Identity } from "./identity";

export async function importTranscripts(env: Env, identity: Identity, body: TranscriptImportBody, now: number): Promise<TranscriptImportResult> {
  if (env.DEMO_MODE !== "1") throw new DomainError("not_found", "demo routes are disabled");
  if (identity.kind !== "staff" || identity.role !== "platform_admin") throw new DomainError("forbidden", "platform admins only");
  body.threads.forEach((t, i) => {
    const last = t.messages[t.messages.length - 1]!;
    if (last.createdAt > now) throw fieldError("invalid_input", `threads.${i}.messages.${t.messages.length - 1}.createdAt`, "must not be in the future");
  });
  const answers = await Promise.all(
    body.threads.map(async (t) => (await getServerByName(env.ConversationRoom, t.threadId)).importTranscript(t.messages.map((m) => ({ ...m, entry: null })))),
  );
  const written = answers.filter(Boolean).length;
  return { written, kept: answers.length - written };
}
