/**
 * Frames a test socket received, validated with the protocol's schema, awaited by type with a
 * timeout (nothing sleeps). Shared by room and queue test clients.
 */
import * as v from "valibot";
import { parseInput } from "../../core/protocol";

export interface FrameQueue<E extends { type: string }> {
  frames: E[];
  /** Resolves with the next unseen frame of `type` matching `where`. */
  next<T extends E["type"]>(type: T, where?: (e: Extract<E, { type: T }>) => boolean, timeoutMs?: number): Promise<Extract<E, { type: T }>>;
  /** Frames of a type received so far. */
  all<T extends E["type"]>(type: T): Extract<E, { type: T }>[];
}

export function frameQueue<S extends v.GenericSchema>(ws: WebSocket, schema: S): FrameQueue<v.InferOutput<S> & { type: string }> {
  type E = v.InferOutput<S> & { type: string };
  const frames: E[] = [];
  const consumed = new Set<E>();
  const waiters: (() => void)[] = [];
  ws.addEventListener("message", (e) => {
    const parsed = parseInput(schema, JSON.parse(e.data as string));
    if (!parsed.ok) throw new Error(`server sent an invalid frame: ${parsed.message}: ${e.data}`);
    frames.push(parsed.value as E);
    waiters.splice(0).forEach((w) => w());
  });
  return {
    frames,
    all: (type) => frames.filter((f) => f.type === type) as never,
    next: (type, where, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${type}; got ${frames.map((f) => f.type).join(", ")}`)), timeoutMs);
        const check = () => {
          const hit = frames.find((f) => f.type === type && !consumed.has(f) && (!where || where(f as never)));
          if (hit) {
            consumed.add(hit);
            clearTimeout(timer);
            resolve(hit as never);
          } else waiters.push(check);
        };
        check();
      }),
  };
}
