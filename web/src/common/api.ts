/**
 * The HTTP client of the console and the widget: JSON in and out, the bearer token on every
 * call, and our one error body `{ error: { code, message } }` turned into an `ApiError`.
 */
import * as v from "valibot";
import { ErrorBody, type SocketTicketBody } from "../../../core/protocol";

/** A failed call. `code` is the server's error code, or `network` when no answer came. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The server's field issues (`[{ field, message }]`) when it named them. */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Any thrown value as an ApiError, so the UI shows one kind of error. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, "network", err instanceof Error ? err.message : String(err));
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, json?: unknown): Promise<T>;
  put<T>(path: string, json: unknown): Promise<T>;
  patch<T>(path: string, json: unknown): Promise<T>;
  /** DELETE; most routes answer 204 (undefined), a few say what the deletion did. */
  del<T = void>(path: string): Promise<T>;
  /** Sends a file as the raw body with its own Content-Type (the upload route's contract). */
  upload<T>(path: string, file: Blob): Promise<T>;
  /** Reads a protected file; the token travels in a header, never in a URL. */
  blob(path: string): Promise<Blob>;
}

export interface ApiOptions {
  token: () => string | null;
  /** Called on a 401 so the owner can drop an expired session. */
  onUnauthorized?: () => void;
  /**
   * Called when a staff session is held back until its account is set up (403 with
   * `twoFactor: "setup_required"` or `password: "change_required"`).
   */
  onSetupRequired?: () => void;
}

/** A client for `/api`; paths are relative to it (`/threads`). */
export function createApi(opts: ApiOptions): ApiClient {
  async function call(path: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = opts.token();
    if (token) headers.set("authorization", `Bearer ${token}`);
    let res: Response;
    try {
      res = await fetch(`/api${path}`, { ...init, headers });
    } catch (err) {
      throw toApiError(err);
    }
    if (res.ok) return res;
    if (res.status === 401) opts.onUnauthorized?.();
    const error = await errorOf(res);
    const held = error.details as { twoFactor?: string; password?: string } | undefined;
    if (res.status === 403 && (held?.twoFactor === "setup_required" || held?.password === "change_required")) opts.onSetupRequired?.();
    throw error;
  }
  const json = async <T>(res: Response): Promise<T> => (res.status === 204 ? undefined : await res.json()) as T;
  const send = async <T>(method: string, path: string, body: unknown): Promise<T> =>
    json(await call(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body ?? {}) }));
  return {
    get: async (path) => json(await call(path, { method: "GET" })),
    post: (path, body) => send("POST", path, body),
    put: (path, body) => send("PUT", path, body),
    patch: (path, body) => send("PATCH", path, body),
    del: async (path) => json(await call(path, { method: "DELETE" })),
    upload: async (path, file) => json(await call(path, { method: "POST", headers: { "content-type": file.type }, body: file })),
    blob: async (path) => (await call(path, { method: "GET" })).blob(),
  };
}

/**
 * A 60-s ticket for one socket, so the bearer token never rides in a socket URL (proxies and
 * access logs keep URLs). Asked on every (re)connect; a refused token ends the session (401).
 */
export async function socketTicket(api: ApiClient, party: SocketTicketBody["party"], name: string): Promise<string> {
  return (await api.post<{ ticket: string }>("/socket-tickets", { party, name })).ticket;
}

async function errorOf(res: Response): Promise<ApiError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = v.safeParse(ErrorBody, body);
  if (parsed.success) return new ApiError(res.status, parsed.output.error.code, parsed.output.error.message, parsed.output.error.details);
  return new ApiError(res.status, res.status >= 500 ? "internal" : "invalid_input", res.statusText || `HTTP ${res.status}`);
}
