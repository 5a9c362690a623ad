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

/** The HTTP status a domain error maps to. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
