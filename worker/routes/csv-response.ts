/**
 * A file the console downloads (导出): the body as an attachment under its name, and for a CSV
 * cut at its row limit the `X-Kefu-Truncated` header saying so.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";

/** A download of `body` (`contentType`) saved as `filename`. */
export function attachmentResponse(c: Context<AppEnv>, file: { filename: string; body: string; contentType: string; truncated?: boolean }): Response {
  return c.body(file.body, 200, {
    "content-type": file.contentType,
    "content-disposition": `attachment; filename="${file.filename}"`,
    ...(file.truncated ? { "x-kefu-truncated": "true" } : {}),
  });
}

/** A CSV file (worker/lib/csv.ts), cut at its row limit when `truncated`. */
export function csvResponse(c: Context<AppEnv>, file: { filename: string; csv: string; truncated: boolean }): Response {
  return attachmentResponse(c, { filename: file.filename, body: file.csv, contentType: "text/csv; charset=utf-8", truncated: file.truncated });
}
