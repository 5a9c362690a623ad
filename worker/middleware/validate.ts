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

/** Validates a request part; throws `invalid_input` naming every bad field. */
export function valid<S extends StandardSchemaV1, T extends keyof ValidationTargets>(target: T, schema: S) {
  return validator(target, schema, (result) => {
    if (!result.success) {
      const issues = toIssues(result.error as readonly StandardSchemaV1.Issue[]);
      throw new DomainError("invalid_input", `${target}: ${describeIssues(issues)}`, issues);
    }
  });
}
