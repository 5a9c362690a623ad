/**
 * Demo only (DEMO_MODE=1): the demo mall's past conversations, written into their threads by
 * `npm start` so the history its seed puts in D1 (one row per consultation) opens onto what was
 * said. Shared by the seed's generator (scripts/demo-mall/transcripts.ts) and the route.
 */
import * as v from "valibot";
import { Channel, ThreadId } from "./common";
import { MessageBody, MessageKind, Sender } from "./message";

/** A past message as stored: its `seq` is given by the room, in the order sent. */
export const TranscriptMessage = v.object({
  clientId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_:.-]{1,80}$/, "must be 1-80 letters, digits or '_', ':', '.', '-'")),
  sessionId: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  sender: v.object({ ...Sender.entries, name: v.pipe(v.string(), v.maxLength(64)) }),
  kind: MessageKind,
  body: MessageBody,
  channel: Channel,
  visibility: v.optional(v.picklist(["all", "staff"]), "all"),
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type TranscriptMessage = v.InferOutput<typeof TranscriptMessage>;

/** One thread's past messages, oldest first. */
export const ThreadTranscript = v.object({
  threadId: ThreadId,
  messages: v.pipe(
    v.array(TranscriptMessage),
    v.minLength(1, "must hold at least one message"),
    v.maxLength(400, "must hold at most 400 messages"),
    v.check((ms) => ms.every((m, i) => i === 0 || ms[i - 1]!.createdAt <= m.createdAt), "must be in time order (createdAt ascending)"),
  ),
});
export type ThreadTranscript = v.InferOutput<typeof ThreadTranscript>;

/** `POST /api/demo/transcripts`: up to 100 threads a request (bodies stay under the 64 KB JSON cap in practice). */
export const TranscriptImportBody = v.object({
  threads: v.pipe(v.array(ThreadTranscript), v.minLength(1, "must hold at least one thread"), v.maxLength(100, "must hold at most 100 threads")),
});
export type TranscriptImportBody = v.InferOutput<typeof TranscriptImportBody>;

/** What became of each thread: `written`, or `kept` when the thread has messages of its own. */
export interface TranscriptImportResult {
  written: number;
  kept: number;
}
