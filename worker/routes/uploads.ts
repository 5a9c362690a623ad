/**
 * Upload an image or a voice clip to a thread (raw body, Content-Type = the file's type), and
 * read it back as a participant.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { describeRoute } from "hono-openapi";
import * as v from "valibot";
import { ThreadId } from "../../core/protocol";
import { DomainError } from "../../core/domain/errors";
import type { AppEnv } from "../env";
import { requireIdentity } from "../middleware/auth";
import { valid } from "../middleware/validate";
import { MAX_UPLOAD_BYTES, readUpload, storeUpload } from "../services/uploads";

export const uploadRoutes = new Hono<AppEnv>()
  .post(
    "/threads/:threadId/uploads",
    describeRoute({
      tags: ["files"],
      summary: "Upload an image (jpeg, png, gif, webp ≤ 5 MB) or voice clip (webm, ogg, mpeg, mp4, wav ≤ 2 MB) as the raw body; returns the key to send in a message.",
    }),
    requireIdentity,
    valid("param", v.object({ threadId: ThreadId })),
    bodyLimit({
      maxSize: MAX_UPLOAD_BYTES,
      onError: () => {
        throw new DomainError("payload_too_large", `uploads may be at most ${MAX_UPLOAD_BYTES} bytes`);
      },
    }),
    async (c) => {
      const result = await storeUpload(c.env, c.get("identity"), c.req.valid("param").threadId, c.req.header("content-type") ?? "", await c.req.arrayBuffer());
      return c.json(result, 201);
    },
  )
  .get("/files/*", describeRoute({ tags: ["files"], summary: "Read an uploaded file (/api/files/<key>, the key a message carries); only the thread's shopper and its shop's staff may." }), requireIdentity, async (c) =>
    readUpload(c.env, c.get("identity"), decodeURIComponent(c.req.path.slice(c.req.path.indexOf("/files/") + 7))),
  );
