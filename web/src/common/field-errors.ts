/**
 * Errors as the UI shows them: any thrown value as a `UiError`, and the fields a server (or a
 * local schema check) named, as `field → message` so a form can show each under its input.
 */
import { toApiError } from "./api";
import type { FieldIssue } from "../../../core/protocol";
import type { UiError } from "../models/conversation-state";

export type FieldErrors = Readonly<Record<string, string>>;

/** Any thrown value as the UI's error shape, keeping the server's field details. */
export function toUiError(err: unknown): UiError {
  const e = toApiError(err);
  return { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) };
}

function isIssue(x: unknown): x is FieldIssue {
  return typeof x === "object" && x !== null && typeof (x as FieldIssue).field === "string" && typeof (x as FieldIssue).message === "string";
}

/** The issues of an error: its details, else a leading `field: message` of the message itself. */
export function issuesOf(error: UiError): FieldIssue[] {
  if (Array.isArray(error.details)) return error.details.filter(isIssue);
  const m = /^(?:json: )?([A-Za-z][\w.]*): (.+)$/.exec(error.message);
  return m ? [{ field: m[1]!, message: m[2]! }] : [];
}

/** `field → message`, the first message per field. */
export function fieldErrorsOf(error: UiError | null): FieldErrors {
  if (!error) return {};
  const out: Record<string, string> = {};
  for (const i of issuesOf(error)) if (!(i.field in out)) out[i.field] = i.message;
  return out;
}

/** The first error at a field or below it (`conditions.keywords` catches `conditions.keywords.3`). */
export function errorAt(errs: FieldErrors | undefined, field: string): string | undefined {
  if (!errs) return undefined;
  const key = Object.keys(errs).find((k) => k === field || k.startsWith(`${field}.`));
  return key === undefined ? undefined : errs[key];
}

/** Whole minutes left of a lock (`details.retryAfterSec` of a 423), at least one. */
export function lockMinutes(details: unknown): number {
  const sec = (details as { retryAfterSec?: unknown } | undefined)?.retryAfterSec;
  return typeof sec === "number" && sec > 0 ? Math.ceil(sec / 60) : 1;
}
