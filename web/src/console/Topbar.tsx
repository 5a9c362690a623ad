import { t } from "../common/i18n";
import { LangSwitch } from "../common/ui/LangSwitch";
import { Logo } from "../common/ui/Logo";
import type { AuthModel } from "../models/auth";

/** The console's name at the top left, on the workspace and the two-factor setup gate alike. */
export function TopbarBrand() {
  return (
    <div class="brand">
      <Logo />
      {t("app.console")}
    </div>
  );
}

/** The top bar's end: language, and logging out. */
export function SessionControls({ auth }: { auth: AuthModel }) {
  return (
    <>
      <LangSwitch />
      <button type="button" class="btn btn-ghost btn-small" data-testid="logout-button" onClick={() => void auth.logout()}>
        {t("header.logout")}
      </button>
    </>
  );
}
