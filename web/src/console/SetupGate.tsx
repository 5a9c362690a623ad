import { signal, useModel } from "@preact/signals";
import { useMemo } from "preact/hooks";
import { createApi } from "../common/api";
import type { StaffProfile } from "../common/api-types";
import { t } from "../common/i18n";
import type { AuthModel, Held } from "../models/auth";
import { PasswordModel } from "../models/password";
import { TwoFactorModel } from "../models/two-factor";
import { AccountView } from "./AccountView";
import { PasswordCard } from "./PasswordCard";
import { SessionControls, StaffLabel, TopbarBrand } from "./Topbar";

/**
 * The session is held back until the account is set up (the server refuses it everything else), so
 * the console shows only what is to do, one step at a time: first a new password in place of the
 * one an admin set, then two-factor login where the shop requires it. After each step it asks the
 * server what is left; the workspace opens when nothing is.
 */
export function SetupGate({ auth, held, staff, token }: { auth: AuthModel; held: Held; staff: StaffProfile; token: string }) {
  const api = useMemo(() => createApi({ token: () => token, onUnauthorized: () => auth.expire(token) }), [token]);
  const password = useModel(() => new PasswordModel(api, () => void auth.recheck()));
  const twoFactor = useModel(() => new TwoFactorModel({ api, active: signal(true), onReady: () => void auth.recheck() }));
  const step = held.password ? "password" : "twoFactor";
  return (
    <div class="console" data-testid="setup-gate" data-step={step}>
      <header class="topbar">
        <TopbarBrand />
        <div class="topbar-right">
          <span class="who who-static">
            <StaffLabel staff={staff} />
          </span>
          <SessionControls auth={auth} />
        </div>
      </header>
      <div class="console-body gate-body">
        <section class="gate-note" role="alert">
          <h1>{t(step === "password" ? "gate.passwordTitle" : "gate.title")}</h1>
          <p>{t(step === "password" ? "gate.passwordAbout" : "gate.about")}</p>
        </section>
        {step === "password" ? (
          <main class="page account-page">
            <PasswordCard model={password} />
          </main>
        ) : (
          <AccountView model={twoFactor} staff={staff} />
        )}
      </div>
    </div>
  );
}
