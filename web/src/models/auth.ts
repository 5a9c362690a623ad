/**
 * The staff session: login with e-mail and password, the token kept in sessionStorage (one tab,
 * gone when the tab closes), logout, and expiry when any call answers 401. The browser's device
 * token stays in localStorage across sessions: sent with each login, it lets this browser in while
 * someone else's guessing has locked the account for new places (core/domain/lockout.ts). With
 * two-factor login on, a right password is followed by a code step (`needsCode`). A session can
 * be held back until the account is set up (`held`): a password an admin set is to be changed, or
 * the shop requires two-factor login that is not on. The login says so, and a call refused for it
 * later (the admin required it meanwhile) makes the model ask `/api/me` again.
 */
import { computed, createModel, signal } from "@preact/signals";
import { createApi, toApiError } from "../common/api";
import { fieldErrorsOf } from "../common/field-errors";
import type { LoginResponse, StaffProfile } from "../common/api-types";
import { storage } from "../common/storage";
import { DEVICE_TOKEN_PATTERN } from "../../../core/protocol";
import type { UiError } from "./conversation-state";

const STORAGE_KEY = "kefu.staff.session";
const DEVICE_KEY = "kefu.staff.device";

/** The device token an earlier login in this browser returned, if it is one. */
function storedDevice(): string | undefined {
  const device = storage.local.get(DEVICE_KEY);
  return device && DEVICE_TOKEN_PATTERN.test(device) ? device : undefined;
}

interface StoredSession {
  token: string;
  expiresAt: number;
  staff: StaffProfile;
  /** What the account must set up before the session may do anything else; absent when nothing. */
  held?: Held;
}

/** What holds a session back: a password an admin set, two-factor login the shop requires. */
export interface Held {
  password: boolean;
  twoFactor: boolean;
}

const heldOf = (password: boolean | undefined, twoFactor: boolean | undefined): Held | undefined =>
  password || twoFactor ? { password: password === true, twoFactor: twoFactor === true } : undefined;

function restore(): StoredSession | null {
  try {
    const s = JSON.parse(storage.session.get(STORAGE_KEY) ?? "null") as StoredSession | null;
    return s && s.expiresAt > Date.now() ? s : null;
  } catch {
    return null;
  }
}

export const AuthModel = createModel(() => {
  const session = signal<StoredSession | null>(restore());
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const expired = signal(false);
  /** The password was right and two-factor login is on: the form asks for the app's code. */
  const needsCode = signal(false);
  const staff = computed(() => session.value?.staff ?? null);
  const token = computed(() => session.value?.token ?? null);
  const held = computed(() => session.value?.held ?? null);

  function keep(next: StoredSession) {
    storage.session.set(STORAGE_KEY, JSON.stringify(next));
    session.value = next;
  }

  function clear() {
    session.value = null;
    storage.session.remove(STORAGE_KEY);
  }

  /** Asks the server what still holds the session back (after a step, or a call refused for it). */
  async function recheck() {
    const current = session.peek();
    if (!current) return;
    const api = createApi({ token: () => current.token, onUnauthorized: () => expire(current.token) });
    const { identity } = await api.get<{ identity: { twoFactorSetupPending?: boolean; passwordChangePending?: boolean } }>("/me");
    if (session.peek()?.token === current.token) keep({ ...current, held: heldOf(identity.passwordChangePending, identity.twoFactorSetupPending) });
  }

  /**
   * Ends the session a call was refused for. A late refusal of a session already replaced (the
   * socket reconnect of a console that was logged out, answered after the next login) leaves the
   * new session be.
   */
  function expire(token: string) {
    if (session.value?.token !== token) return;
    clear();
    expired.value = true;
  }

  /** Login needs no token; logout uses the token it is about to forget. */
  const anonymous = createApi({ token: () => null });

  return {
    staff,
    token,
    busy,
    error,
    expired,
    needsCode,
    held,
    /** A step of the setup is done, or a call was refused for one: what is still to do. */
    recheck: () => recheck().catch(() => undefined),
    /** A call made with `token` answered 401: that session ended on the server (expired or revoked). */
    expire,
    /** Logs in; `code` is the authenticator's code (or a recovery code) once `needsCode` asked for it. */
    async login(email: string, password: string, code?: string) {
      busy.value = true;
      error.value = null;
      try {
        const device = storedDevice();
        const res = await anonymous.post<LoginResponse>("/auth/login", { email, password, ...(device ? { device } : {}), ...(code !== undefined ? { code } : {}) });
        storage.local.set(DEVICE_KEY, res.device);
        keep({ token: res.token, expiresAt: res.expiresAt, staff: res.staff, held: heldOf(res.passwordChangeRequired, res.twoFactorSetupRequired) });
        expired.value = false;
        needsCode.value = false;
      } catch (err) {
        const e = toApiError(err);
        const twoFactor = (e.details as { twoFactor?: string } | undefined)?.twoFactor;
        if (twoFactor === "required") {
          needsCode.value = true;
          return;
        }
        // A code refused, or not even the shape of one (`invalid_input` naming `code`): the form says so in its words.
        const codeRefused = twoFactor === "wrong" || (e.code === "invalid_input" && "code" in fieldErrorsOf(e));
        error.value = { code: codeRefused ? "two_factor_wrong" : e.code, message: e.message, details: e.details };
      } finally {
        busy.value = false;
      }
    },
    /** Back from the code step to e-mail and password. */
    cancelCode() {
      needsCode.value = false;
      error.value = null;
    },
    async logout() {
      // Leave at once, even if the server cannot be reached; then revoke the token there.
      const old = session.value?.token;
      clear();
      if (old) await createApi({ token: () => old }).post("/auth/logout").catch(() => undefined);
    },
  };
});
export type AuthModel = InstanceType<typeof AuthModel>;
