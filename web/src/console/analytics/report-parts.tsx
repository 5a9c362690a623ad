/** Pieces every part of the 数据 page draws with: a headline figure, a card, a share, a duration. */
import type { ComponentChildren } from "preact";
import { t } from "../../common/i18n";

export function Kpi({ id, label, value, hint }: { id: string; label: string; value: string; hint?: string }) {
  return (
    <div class="kpi" data-testid={`stats-kpi-${id}`}>
      <span class="kpi-label">{label}</span>
      <strong class="kpi-value">{value}</strong>
      {hint && <span class="kpi-hint">{hint}</span>}
    </div>
  );
}

export function Card({ title, wide, children }: { title: string; wide?: boolean; children: ComponentChildren }) {
  return (
    <section class={`stats-card${wide ? " wide" : ""}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function pct(share: number | null): string {
  return share === null ? t("stats.none") : `${Math.round(share * 1000) / 10}%`;
}

/** A duration as people read it: seconds, minutes and seconds, or hours and minutes. */
export function duration(ms: number | null): string {
  if (ms === null) return t("stats.none");
  const total = Math.round(ms / 1000);
  if (total < 60) return t("stats.seconds", { n: total });
  if (total < 3600) return t("stats.minutes", { m: Math.floor(total / 60), s: String(total % 60).padStart(2, "0") });
  return t("stats.hoursMinutes", { h: Math.floor(total / 3600), m: String(Math.floor((total % 3600) / 60)).padStart(2, "0") });
}

