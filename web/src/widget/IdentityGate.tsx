import { t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import { LevelBadge } from "../common/ui/LevelBadge";
import type { ShopperModel } from "../models/shopper";

/** Before the chat: loading, an error with retry, or (demo) the shopper picker. */
export function IdentityGate({ shopper }: { shopper: ShopperModel }) {
  const phase = shopper.phase.value;
  if (phase === "error" && shopper.error.value) {
    return (
      <div class="gate">
        <ErrorNote error={shopper.error.value} />
        <button type="button" class="btn btn-primary" onClick={() => shopper.retry()}>
          {t("widget.retry")}
        </button>
      </div>
    );
  }
  if (phase !== "pick") return <p class="gate gate-loading">{t("widget.loading")}</p>;
  return (
    <section class="gate picker" aria-labelledby="picker-title">
      <h2 id="picker-title">{t("widget.pickTitle")}</h2>
      <p class="muted">{t("widget.pickHint")}</p>
      <ul class="customer-options">
        {shopper.customers.value.map((c) => (
          <li key={c.id}>
            <button type="button" class="customer-option" data-testid="customer-option" data-customer-id={c.id} onClick={() => void shopper.pick(c.id)}>
              <span class={`avatar avatar-${c.level}`} aria-hidden="true">
                {c.name.slice(0, 1)}
              </span>
              <span class="customer-option-name">{c.name}</span>
              <LevelBadge level={c.level} />
              <span class="muted">{c.id}</span>
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-outline btn-block" data-testid="guest-button" onClick={() => void shopper.asGuest()}>
        {t("widget.guest")}
      </button>
    </section>
  );
}
