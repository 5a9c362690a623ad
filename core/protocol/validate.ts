/**
 * Turns valibot results into our one error shape, naming the field at fault.
 */
import * as v from "valibot";

export interface FieldIssue {
  /** Dotted path of the field, e.g. `body.text`; empty for the value as a whole. */
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: "invalid_input"; message: string; issues: FieldIssue[] };

/** Lists valibot issues as field + message pairs. */
export function toFieldIssues(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    field: (issue.path ?? []).map((p) => String(p.key)).join("."),
    message: issue.message,
  }));
}

/** One readable line: `text: must not be empty; clientId: …`. */
export function describeIssues(issues: FieldIssue[]): string {
  return issues.map((i) => (i.field ? `${i.field}: ${i.message}` : i.message)).join("; ");
}

/** Validates `input`; on failure returns an error that names every bad field. */
export function parseInput<S extends v.GenericSchema>(schema: S, input: unknown): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const issues = toFieldIssues(result.issues);
  return { ok: false, code: "invalid_input", message: describeIssues(issues), issues };
}
