import { t } from "../common/i18n";
import { LangSwitch } from "../common/ui/LangSwitch";
import { Logo } from "../common/ui/Logo";
import type { StaffProfile } from "../common/api-types";
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

/** Who is logged in: name, role and shop (inside the account button, or as plain text on the setup gate). */
export function StaffLabel({ staff }: { staff: StaffProfile }) {
  return (
    <>
      <strong>{staff.name}</strong>
      <span class="muted">
        {t(`staffRole.${staff.role}`)} · {staff.shopId}
      </span>
    </>
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
