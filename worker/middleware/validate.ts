/**
 * Request validation with the protocol's valibot schemas. Goes through hono-openapi's validator
 * so the same schema also documents the route; failures become `invalid_input` naming each field.
 */
import type { StandardSchemaV1 } from "@standard-schema/spec";
import { validator } from "hono-openapi";
import type { ValidationTargets } from "hono";
import { DomainError } from "../../core/domain/errors";
import { describeIssues, type FieldIssue } from "../../core/protocol";

function toIssues(issues: readonly StandardSchemaV1.Issue[]): FieldIssue[] {
  return issues.map((i) => ({
    field: (i.path ?? []).map((p) => String(typeof p === "object" ? p.key : p)).join("."),
    message: i.message,
  }));
}

const JSON_MEDIA = /^application\/([\w.-]+\+)?json$/i;

/**
 * A body the JSON validator would not read: hono's validator checks a body sent under another
 * Content-Type (or none) as `{}`, so `{"email":…}` sent as text/plain would be taken for an empty
 * object, and a route whose fields are all optional would act on it.
 */
function refuseNonJsonBody(req: Request): void {
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim();
  if (req.body !== null && !JSON_MEDIA.test(mediaType)) {
    throw new DomainError("unsupported_media_type", `send the body as JSON (Content-Type: application/json), not ${mediaType || "without a Content-Type"}`);
  }
}

/** Validates a request part; throws `invalid_input` naming every bad field. */
export function valid<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result, c) => {
    if (target === "json") refuseNonJsonBody(c.req.raw);
    if (!result.success) {
      const issues = toIssues(result.error as readonly StandardSchemaV1.Issue[]);
      throw new DomainError("invalid_input", `${target}: ${describeIssues(issues)}`, issues);
    }
  });
}
