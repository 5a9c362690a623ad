/**
 * 账号安全: the staff member's own two-factor login (worker/services/two-factor.ts). Loads its
 * state when the page is shown; setting up goes password → scan → first code → recovery codes
 * (shown once, until the staff member says they are saved); turning off takes a code, and is not
 * offered while the shop requires two-factor login.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import { parseInput, TwoFactorDisableBody, TwoFactorEnableBody, TwoFactorSetupBody } from "../../../core/protocol";
import type * as v from "valibot";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, lockMinutes } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import { busyRun } from "./busy-run";

export interface TwoFactorStatus {
  enabled: boolean;
  recoveryCodesLeft: number;
  /** The shop requires it: it cannot be turned off. */
  required: boolean;
}

export interface TwoFactorSetup {
  secret: string;
  uri: string;
  expiresAt: number;
}

/** A refused step, told under the field it is about. */
export type TwoFactorRefusal = { at: "password"; why: "wrong" | "missing" } | { at: "password"; why: "locked"; minutes: number } | { at: "code"; why: "wrong" | "expired" };

export interface TwoFactorOptions {
  api: ApiClient;
  active: ReadonlySignal<boolean>;
  /** Turned on, and its recovery codes saved (the shop's setup gate opens on it). */
  onReady?: () => void;
}

export const TwoFactorModel = createModel((opts: TwoFactorOptions) => {
  const status = signal<TwoFactorStatus | null>(null);
  const setup = signal<TwoFactorSetup | null>(null);
  /** Shown once, right after turning on, until dismissed. */
  const recoveryCodes = signal<string[] | null>(null);
  const code = signal("");
  /** The password, typed again to start a setup. */
  const password = signal("");
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  /** What just changed, for a short confirmation. */
  const done = signal<"on" | "off" | null>(null);
  /** How many other sessions of the account turning it on ended. */
  const otherSessionsEnded = signal(0);
  /**
   * The error as the form it belongs under sees it: the password typed to start (wrong, missing,
   * or this address locked out), or the code (wrong, or a setup that expired); null for any other,
   * shown as it came.
   */
  const refusal = computed<TwoFactorRefusal | null>(() => {
    const e = error.value;
    if (!e) return null;
    if (setup.value && e.code === "not_found") return { at: "code", why: "expired" };
    if (!setup.value && e.code === "locked") return { at: "password", why: "locked", minutes: lockMinutes(e.details) };
    if (e.code !== "invalid_input") return null;
    if (!setup.value && "password" in fieldErrorsOf(e)) return { at: "password", why: password.value ? "wrong" : "missing" };
    return { at: "code", why: "wrong" };
  });

  const run = busyRun(busy, error);

  async function load() {
    await run(async () => {
      status.value = await opts.api.get<TwoFactorStatus>("/auth/two-factor");
    });
  }

  /** A code checked here with the server's own schema first: a typo is named without a round trip. */
  function checked<S extends v.GenericSchema>(schema: S, body: unknown): v.InferOutput<S> | null {
    const parsed = parseInput(schema, body);
    if (parsed.ok) return parsed.value;
    error.value = { code: "invalid_input", message: parsed.message, details: parsed.issues };
    return null;
  }

  effect(() => {
    if (opts.active.value && status.peek() === null) void load();
  });

  return {
    status,
    setup,
    recoveryCodes,
    code,
    password,
    busy,
    error,
    refusal,
    done,
    otherSessionsEnded,
    load,
    async start() {
      done.value = null;
      code.value = "";
      const body = checked(TwoFactorSetupBody, { password: password.value });
      if (!body) return;
      await run(async () => {
        setup.value = await opts.api.post<TwoFactorSetup>("/auth/two-factor/setup", body);
        password.value = "";
      });
    },
    cancel() {
      setup.value = null;
      code.value = "";
      error.value = null;
    },
    async enable() {
      const body = checked(TwoFactorEnableBody, { code: code.value });
      if (!body) return;
      await run(async () => {
        const res = await opts.api.post<{ recoveryCodes: string[]; otherSessionsEnded: number }>("/auth/two-factor/enable", body);
        recoveryCodes.value = res.recoveryCodes;
        setup.value = null;
        code.value = "";
        done.value = "on";
        otherSessionsEnded.value = res.otherSessionsEnded;
        status.value = { enabled: true, recoveryCodesLeft: res.recoveryCodes.length, required: status.peek()?.required ?? false };
      });
    },
    savedRecoveryCodes() {
      recoveryCodes.value = null;
      opts.onReady?.();
    },
    async disable() {
      const body = checked(TwoFactorDisableBody, { code: code.value });
      if (!body) return;
      await run(async () => {
        await opts.api.post("/auth/two-factor/disable", body);
        code.value = "";
        done.value = "off";
        status.value = { enabled: false, recoveryCodesLeft: 0, required: false };
      });
    },
  };
});
export type TwoFactorModel = InstanceType<typeof TwoFactorModel>;
