/**
 * Images and voice clips: stored in R2 under the thread's prefix, served only to the thread's
 * participants.
 */
import { DomainError } from "../../core/domain/errors";
import { checkUpload, EXTENSIONS, type MediaCheck } from "../../core/domain/media";
import { LIMITS, parseThreadId } from "../../core/protocol";
import { uploadPrefix } from "../../durable-objects/conversation/message-body";
import { randomId } from "../lib/crypto";
import { canAccessThread, type Identity } from "./identity";

/** Stores an upload for a thread after checking type, size and content. */
export async function storeUpload(env: Env, identity: Identity, threadId: string, contentType: string, bytes: ArrayBuffer) {
  if (!canAccessThread(identity, threadId)) throw new DomainError("forbidden", "you may not upload to this thread");
  const check = checkFile(contentType, bytes);
  if (!check.ok) throw new DomainError(check.code, check.message);
  const key = await putThreadFile(env, threadId, randomId("f"), check.mime, bytes, identity.kind === "staff" ? identity.staffId : identity.customerId);
  return { key, mime: check.mime, size: bytes.byteLength, kind: check.family };
}

/** The upload checks (declared type, size, the content's leading bytes) for a file's bytes. */
export function checkFile(contentType: string, bytes: ArrayBuffer): MediaCheck {
  return checkUpload(contentType, bytes.byteLength, new Uint8Array(bytes, 0, Math.min(16, bytes.byteLength)));
}

/** Puts a checked file under its thread's prefix as `<name>.<extension>`; its key. Uploads and mailed images alike. */
export async function putThreadFile(env: Env, threadId: string, name: string, mime: string, bytes: ArrayBuffer, uploadedBy: string): Promise<string> {
  const { shopId, customerId } = parseThreadId(threadId);
  const key = `${uploadPrefix(shopId, customerId)}${name}.${EXTENSIONS[mime]}`;
  await env.FILES.put(key, bytes, { httpMetadata: { contentType: mime }, customMetadata: { uploadedBy } });
  return key;
}

/** The most any upload may be; bodies above it are refused before reading them whole. */
export const MAX_UPLOAD_BYTES = Math.max(LIMITS.imageMaxBytes, LIMITS.voiceMaxBytes);

/** Streams a stored file to a participant of its thread. */
export async function readUpload(env: Env, identity: Identity, key: string): Promise<Response> {
  const m = /^threads\/([a-z0-9-]+)\/([A-Za-z0-9_-]+)\//.exec(key);
  if (!m) throw new DomainError("not_found", "no such file");
  if (!canAccessThread(identity, `${m[1]}:${m[2]}`)) throw new DomainError("forbidden", "you may not read this file");
  const obj = await env.FILES.get(key);
  if (!obj) throw new DomainError("not_found", "no such file");
  return new Response(obj.body, {
    headers: {
      "content-type": obj.httpMetadata?.contentType ?? "application/octet-stream",
      "content-length": String(obj.size),
      "cache-control": "private, max-age=3600",
      "x-content-type-options": "nosniff",
    },
  });
}
