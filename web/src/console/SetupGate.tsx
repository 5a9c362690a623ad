import { signal, useModel } from "@preact/signals";
import { createApi } from "../common/api";
import type { StaffProfile } from "../common/api-types";
import { t } from "../common/i18n";
import type { AuthModel } from "../models/auth";
import { TwoFactorModel } from "../models/two-factor";
import { AccountView } from "./AccountView";
import { SessionControls, TopbarBrand } from "./Topbar";

/**
 * The shop requires two-factor login and this account has not turned it on: the session can only
 * set it up (the server refuses it everything else), so the console shows only that, and opens the
 * workspace once it is on and the recovery codes are saved.
 */
export function TwoFactorGate({ auth, staff, token }: { auth: AuthModel; staff: StaffProfile; token: string }) {
  const model = useModel(
    () =>
      new TwoFactorModel({
        api: createApi({ token: () => token, onUnauthorized: () => auth.expire() }),
        active: signal(true),
        onReady: () => auth.setupDone(),
      }),
  );
  return (
    <div class="console" data-testid="two-factor-gate">
      <header class="topbar">
        <TopbarBrand />
        <div class="topbar-right">
          <span class="who who-static">
            <strong>{staff.name}</strong>
            <span class="muted">
              {t(`staffRole.${staff.role}`)} · {staff.shopId}
            </span>
          </span>
          <SessionControls auth={auth} />
        </div>
      </header>
      <div class="console-body gate-body">
        <section class="gate-note" role="alert">
          <h1>{t("gate.title")}</h1>
          <p>{t("gate.about")}</p>
        </section>
        <AccountView model={model} staff={staff} />
      </div>
    </div>
  );
}
