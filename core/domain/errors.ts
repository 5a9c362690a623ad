/**
 * Typed domain errors. Every layer throws `DomainError`; the HTTP edge maps the code to a status
 * and the one error body, and a socket handler answers the sender with an error frame.
 */
export const ERROR_STATUS = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  rate_limited: 429,
  misconfigured: 500,
  internal: 500,
  unavailable: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The one error body's `error` part, as HTTP answers and socket error frames carry it. */
export function errorBody(err: DomainError): { code: ErrorCode; message: string; details?: unknown } {
  return { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) };
}

/** The HTTP status a domain error maps to. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** An error about one input field: the message names it, and `details` lists it as validation errors do. */
export function fieldError(code: ErrorCode, field: string, message: string): DomainError {
  return new DomainError(code, `${field}: ${message}`, [{ field, message }]);
}
