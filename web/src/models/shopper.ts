/**
 * Who the shopper is in the widget. A mall passes a signed `token`; without one, the demo lets
 * you pick a demo customer (the server signs a token as a mall would); otherwise, or if demo mode
 * is off, the shopper continues as a guest. The identity is kept per tab in sessionStorage.
 */
import { createModel, effect, signal, untracked } from "@preact/signals";
import { ApiError, createApi, toApiError } from "../common/api";
import type { DemoCustomer, MeResponse, ShopperTokenResponse } from "../common/api-types";
import { storage } from "../common/storage";
import type { UiError } from "./conversation-state";

const STORAGE_KEY = "kefu.widget.shopper";

export interface ShopperIdentity {
  token: string;
  customerId: string;
  /** Epoch ms; absent for a token the mall passed in (we do not persist those). */
  expiresAt?: number;
}

export interface ShopperOptions {
  token?: string;
  customerId?: string;
}

function restore(): ShopperIdentity | null {
  try {
    const s = JSON.parse(storage.session.get(STORAGE_KEY) ?? "null") as ShopperIdentity | null;
    return s && (s.expiresAt ?? 0) > Date.now() + 60_000 ? s : null;
  } catch {
    return null;
  }
}

export const ShopperModel = createModel((opts: ShopperOptions) => {
  const identity = signal<ShopperIdentity | null>(null);
  const phase = signal<"loading" | "pick" | "ready" | "error">("loading");
  const customers = signal<DemoCustomer[]>([]);
  const error = signal<UiError | null>(null);
  /** The server refused the identity the shopper had (expired, or revoked by the mall): say so until dismissed. */
  const signedOut = signal(false);
  /** A mall-signed token fixes the identity; only demo and guest shoppers may switch. */
  const switchable = signal(!opts.token);
  const anonymous = createApi({ token: () => null });
  /** The mall's token from the URL, until the server refuses it. */
  let passedToken = opts.token;

  function adopt(next: ShopperIdentity) {
    if (next.expiresAt) storage.session.set(STORAGE_KEY, JSON.stringify(next));
    identity.value = next;
    phase.value = "ready";
  }

  async function guard(work: () => Promise<void>) {
    phase.value = "loading";
    error.value = null;
    try {
      await work();
    } catch (err) {
      const e = toApiError(err);
      error.value = { code: e.code, message: e.message };
      phase.value = "error";
    }
  }

  const pick = (customerId: string) =>
    guard(async () => {
      const res = await anonymous.post<ShopperTokenResponse>("/demo/shopper-token", { customerId });
      adopt({ token: res.token, customerId, expiresAt: res.expiresAt });
    });

  const asGuest = () =>
    guard(async () => {
      const res = await anonymous.post<ShopperTokenResponse>("/auth/guest", {});
      adopt({ token: res.token, customerId: res.customerId ?? "", expiresAt: res.expiresAt });
    });

  /** Shows the demo customers, or goes straight to a guest when demo routes are off (404). */
  const choose = () =>
    guard(async () => {
      try {
        const res = await anonymous.get<{ customers: DemoCustomer[] }>("/demo/customers");
        customers.value = res.customers;
        phase.value = "pick";
      } catch (err) {
        if (toApiError(err).code !== "not_found") throw err;
        await asGuest();
      }
    });

  function start() {
    if (passedToken) {
      const token = passedToken;
      return guard(async () => {
        const me = await createApi({ token: () => token }).get<MeResponse>("/me");
        if (me.identity.kind !== "customer") throw new ApiError(403, "forbidden", "the widget needs a shopper token, not a staff one");
        adopt({ token, customerId: me.identity.customerId });
      });
    }
    const saved = restore();
    if (saved && (!opts.customerId || saved.customerId === opts.customerId)) return adopt(saved);
    return opts.customerId ? pick(opts.customerId) : choose();
  }

  effect(() => void untracked(start));

  return {
    identity,
    phase,
    customers,
    error,
    signedOut,
    switchable,
    pick,
    asGuest,
    retry: () => void start(),
    /** Back to the picker, forgetting the stored identity (demo only). */
    switchIdentity() {
      storage.session.remove(STORAGE_KEY);
      identity.value = null;
      void choose();
    },
    dismissSignedOut() {
      signedOut.value = false;
    },
    /** The token was refused (expired or revoked): forget it, tell the shopper, and start over. */
    expire() {
      signedOut.value = true;
      storage.session.remove(STORAGE_KEY);
      identity.value = null;
      passedToken = undefined;
      switchable.value = true;
      void start();
    },
  };
});
export type ShopperModel = InstanceType<typeof ShopperModel>;
