import type { ProactiveOutcomeRow } from "../../common/api-types";
import { t, type MessageKey } from "../../common/i18n";
import { OUTCOME_PRESETS, type ProactiveModel } from "../../models/proactive";
import { kindName, NOTICE_KINDS, OUTCOMES, outcomeName } from "./proactive-text";

/** The outcome counts' days are Beijing days (UTC+8), whatever the browser's zone. */
const DAY_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

function beijingDay(ms: number): string {
  return new Date(ms + DAY_OFFSET_MS).toISOString().slice(0, 10);
}

/** Every day the counts may cover, oldest first: from the day `days` days ago to today (the first one partly). */
export function dayAxis(days: number, now: number): string[] {
  const out: string[] = [];
  for (let ms = now - days * DAY_MS; beijingDay(ms) <= beijingDay(now); ms += DAY_MS) out.push(beijingDay(ms));
  return out;
}

/** 通知效果: the range, the delivered notices per day by kind, and every outcome per kind. */
export function OutcomesSection({ model }: { model: ProactiveModel }) {
  const data = model.outcomes.value;
  const days = model.days.value;
  return (
    <section class="stats-card proactive-section" data-testid="outcomes" aria-labelledby="outcomes-title">
      <div class="proactive-section-head">
        <h2 id="outcomes-title">{t("outcomes.title")}</h2>
        <div class="tabs" role="group" aria-label={t("outcomes.title")}>
          {OUTCOME_PRESETS.map((n) => (
            <button key={n} type="button" class={`tab${days === n ? " active" : ""}`} aria-pressed={days === n} data-testid={`outcomes-preset-${n}`} onClick={() => (model.days.value = n)}>
              {t(`outcomes.preset.${n}` as MessageKey)}
            </button>
          ))}
        </div>
      </div>
      <p class="muted proactive-about">{t("outcomes.about")}</p>
      {!data ? (
        model.loading.value && <p class="empty-hint">{t("proactive.loading")}</p>
      ) : data.outcomes.length === 0 ? (
        <p class="empty-hint" data-testid="outcomes-empty">{t("outcomes.empty")}</p>
      ) : (
        <div class={`stats-grid proactive-outcomes${model.loading.value ? " stale" : ""}`}>
          <div>
            <h3 class="proactive-sub">{t("outcomes.daily")}</h3>
            <DeliveredChart rows={data.outcomes} axis={dayAxis(data.days, Date.now())} />
          </div>
          <div>
            <h3 class="proactive-sub">{t("outcomes.byKind")}</h3>
            <div class="proactive-table-wrap">
              <KindTable rows={data.outcomes} />
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

/** Delivered notices per day, stacked by kind (物流通知 at the bottom). */
function DeliveredChart({ rows, axis }: { rows: readonly ProactiveOutcomeRow[]; axis: string[] }) {
  const byDay = new Map(axis.map((d) => [d, Object.fromEntries(NOTICE_KINDS.map((k) => [k, 0])) as Record<string, number>]));
  for (const r of rows) {
    if (r.outcome !== "delivered") continue;
    const day = byDay.get(r.day);
    if (day && r.kind in day) day[r.kind]! += r.count;
  }
  const totals = axis.map((d) => NOTICE_KINDS.reduce((sum, k) => sum + byDay.get(d)![k]!, 0));
  const max = Math.max(1, ...totals);
  const width = 100 / axis.length;
  const bar = Math.min(width * 0.7, 6);
  const every = Math.ceil(axis.length / 10);
  return (
    <div>
      <div class="chart-legend">
        {NOTICE_KINDS.map((k) => (
          <span key={k} class="proactive-legend-item">
            <span class={`swatch kind-${k}`} />
            {kindName(k)}
          </span>
        ))}
      </div>
      <svg class="chart" viewBox="0 0 100 44" preserveAspectRatio="none" role="img" data-testid="outcomes-daily" aria-label={t("outcomes.chartLabel", { summary: axis.map((d, i) => `${d} ${totals[i]}`).join(", ") })}>
        {axis.map((d, i) => {
          let y = 42;
          const counts = byDay.get(d)!;
          return (
            <g key={d} data-day={d} data-total={totals[i]}>
              <title>{`${d}: ${totals[i]} (${NOTICE_KINDS.map((k) => `${kindName(k)} ${counts[k]}`).join(", ")})`}</title>
              {NOTICE_KINDS.map((k) => {
                const h = (counts[k]! / max) * 40;
                y -= h;
                return <rect key={k} class={`bar kind-${k}`} x={i * width + (width - bar) / 2} width={bar} y={y} height={h} />;
              })}
            </g>
          );
        })}
      </svg>
      <div class="chart-axis" style={{ gridTemplateColumns: `repeat(${axis.length}, 1fr)` }}>
        {axis.map((d, i) => (
          <span key={d}>{i % every === 0 ? d.slice(5) : ""}</span>
        ))}
      </div>
    </div>
  );
}

/** Each kind's outcomes over the range. */
function KindTable({ rows }: { rows: readonly ProactiveOutcomeRow[] }) {
  const sum = (kind: string | null, outcome: string) => rows.filter((r) => (kind === null || r.kind === kind) && r.outcome === outcome).reduce((s, r) => s + r.count, 0);
  const kinds = [...NOTICE_KINDS, ...new Set(rows.map((r) => r.kind).filter((k) => !(NOTICE_KINDS as readonly string[]).includes(k)))];
  return (
    <table class="data-table stats-table" data-testid="outcomes-table">
      <thead>
        <tr>
          <th>{t("outcomes.kind")}</th>
          {OUTCOMES.map((o) => (
            <th key={o} class="num">
              {outcomeName(o)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {[...kinds, null].map((k) => (
          <tr key={k ?? "total"} data-kind={k ?? "total"}>
            <td>{k === null ? <strong>{t("outcomes.total")}</strong> : kindName(k)}</td>
            {OUTCOMES.map((o) => (
              <td key={o} class="num" data-outcome={o}>
                {sum(k, o)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
