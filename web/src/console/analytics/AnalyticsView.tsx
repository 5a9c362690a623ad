import type { AgentFigures, DayFigures, RatingComment } from "../../../../core/domain/analytics/report";
import { ANALYTICS_TABLES } from "../../../../core/protocol/analytics";
import { ratingStars, RATING_SCORES } from "../../../../core/domain/rating";
import { channelName, formatTime, nameOf, t, type MessageKey } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { RANGE_PRESETS, type AnalyticsModel, type ServiceReport } from "../../models/analytics";
import { ShopPicker } from "../ShopPicker";
import { Card, duration, Kpi, pct } from "./report-parts";
import { TicketFigures } from "./TicketFigures";

/**
 * 数据报表: the range (presets or two dates), the shop (platform admins), headline figures, the
 * charts (per day, per hour, ratings, topics, channels), each agent's figures, the tickets (工单),
 * and CSV exports.
 */
export function AnalyticsView({ model, onOpen }: { model: AnalyticsModel; onOpen: (threadId: string) => void }) {
  const report = model.report.value;
  const range = model.range.value;
  return (
    <main class="page stats-page" data-testid="stats-view">
      <header class="page-head">
        <h1>{t(model.own.value ? "stats.titleOwn" : "stats.title")}</h1>
        <div class="tabs" role="group" aria-label={t("stats.title")}>
          {RANGE_PRESETS.map((days) => (
            <button key={days} type="button" class={`tab${"days" in range && range.days === days ? " active" : ""}`} aria-pressed={"days" in range && range.days === days} data-testid={`stats-preset-${days}`} onClick={() => model.setPreset(days)}>
              {t(`stats.preset.${days}` as MessageKey)}
            </button>
          ))}
        </div>
        <DateRange model={model} />
        <span class="page-head-spacer" />
        {model.canPickShop.value && <ShopPicker value={model.shopId.value} shops={model.shops.value} onChange={(id) => model.setShop(id)} testId="stats-shop" allLabel={t("stats.allShops")} />}
        <ExportMenu model={model} />
      </header>
      {model.error.value && <ErrorNote error={model.error.value} />}
      {!report && model.loading.value && <p class="empty-hint">{t("stats.loading")}</p>}
      {report && <ReportBody report={report} own={model.own.value} busy={model.loading.value} onOpen={onOpen} />}
    </main>
  );
}

function DateRange({ model }: { model: AnalyticsModel }) {
  const shown = model.report.value;
  const from = shown?.from ?? "";
  const to = shown?.to ?? "";
  return (
    <span class="stats-dates">
      <input type="date" aria-label={t("stats.from")} data-testid="stats-from" value={from} max={to || undefined} onChange={(e) => model.setDates(e.currentTarget.value, to)} />
      <span aria-hidden="true">–</span>
      <input type="date" aria-label={t("stats.to")} data-testid="stats-to" value={to} min={from || undefined} onChange={(e) => model.setDates(from, e.currentTarget.value)} />
    </span>
  );
}

function ExportMenu({ model }: { model: AnalyticsModel }) {
  const busy = model.exporting.value;
  return (
    <details class="stats-export">
      <summary class="btn btn-outline" data-testid="stats-export">{busy ? t("stats.exporting") : t("stats.export")}</summary>
      <div class="stats-export-menu" role="menu">
        {ANALYTICS_TABLES.map((table) => (
          <button
            key={table}
            type="button"
            role="menuitem"
            disabled={busy !== null}
            data-testid={`stats-export-${table}`}
            onClick={(e) => {
              // The menu closes once a table is chosen; the button says "exporting" meanwhile.
              e.currentTarget.closest("details")?.removeAttribute("open");
              void model.exportTable(table);
            }}
          >
            {t(`stats.export.${table}`)}
          </button>
        ))}
      </div>
    </details>
  );
}

/** `own`: an agent's figures, every session theirs: no bot containment, no table of agents. */
function ReportBody({ report, own, busy, onOpen }: { report: ServiceReport; own: boolean; busy: boolean; onOpen: (threadId: string) => void }) {
  const s = report.totals;
  return (
    <div class={`stats-body${busy ? " stale" : ""}`} aria-busy={busy}>
      <p class="stats-range" data-testid="stats-range">{t("stats.range", { from: report.from, to: report.to, zone: report.timeZone })}</p>
      <section class="kpis" data-testid="stats-kpis">
        <Kpi id="sessions" label={t("stats.kpi.sessions")} value={String(s.sessions)} />
        {!own && <Kpi id="containment" label={t("stats.kpi.containment")} value={pct(s.containment)} hint={t("stats.kpi.containmentHint", { n: s.botOnly })} />}
        {own ? (
          <Kpi id="resolved" label={t("stats.agent.resolved")} value={String(s.resolved)} />
        ) : (
          <Kpi id="handedOff" label={t("stats.kpi.handedOff")} value={String(s.handedOff)} hint={t("stats.kpi.handedOffHint", { n: s.resolved })} />
        )}
        <Kpi id="response" label={t("stats.kpi.response")} value={duration(s.responseAvgMs)} hint={t("stats.kpi.responseHint", { p50: duration(s.responseP50Ms), p90: duration(s.responseP90Ms) })} />
        <Kpi id="handle" label={t("stats.kpi.handle")} value={duration(s.handleAvgMs)} hint={t("stats.kpi.handleHint")} />
        <Kpi id="csat" label={t("stats.kpi.csat")} value={pct(s.csat)} hint={s.rated ? t("stats.kpi.csatHint", { n: s.rated, avg: s.avgRating ?? t("stats.none") }) : t("stats.kpi.csatNone")} />
      </section>
      {s.sessions === 0 ? (
        <p class="empty-hint" data-testid="stats-empty">{t("stats.empty")}</p>
      ) : (
        <>
          <div class="stats-grid">
            <Card title={t("stats.daily")} wide>
              <DailyChart days={report.days} />
            </Card>
            <Card title={t("stats.hours")}>
              <Columns values={report.hours} label={(h) => t("stats.hourLabel", { h })} every={3} testId="stats-hours" />
            </Card>
            <Card title={t("stats.ratings")}>
              <Bars testId="stats-ratings" rows={[...RATING_SCORES].reverse().map((n) => ({ key: String(n), label: ratingStars(n), aria: t("stats.stars", { n }), value: s.ratingCounts[n - 1] ?? 0 }))} />
            </Card>
            <Card title={t("stats.topics")}>
              <Bars
                testId="stats-topics"
                rows={report.topics.map((x) => ({ key: x.topic, label: nameOf("intent", x.topic), value: x.sessions, note: t("stats.topicHandoff", { pct: pct(x.sessions ? x.handedOff / x.sessions : null) }) }))}
              />
            </Card>
            <Card title={t("stats.channels")}>
              <Bars testId="stats-channels" rows={report.channels.map((c) => ({ key: c.channel, label: channelName(c.channel), value: c.sessions }))} />
            </Card>
          </div>
          {!own && (
            <Card title={t("stats.agents")} wide>
              <AgentTable agents={report.agents} />
            </Card>
          )}
          <Card title={t("stats.comments")} wide>
            <Comments comments={report.comments} onOpen={onOpen} />
          </Card>
        </>
      )}
      <TicketFigures figures={report.tickets} own={own} />
    </div>
  );
}

/** Stacked columns per day: the bot's own sessions under those handed to a person. */
function DailyChart({ days }: { days: DayFigures[] }) {
  const max = Math.max(1, ...days.map((d) => d.sessions));
  const width = 100 / days.length;
  // A few days' columns stay columns, not slabs.
  const bar = Math.min(width * 0.7, 6);
  const every = Math.ceil(days.length / 10);
  return (
    <div>
      <div class="chart-legend">
        <span class="swatch bot" />
        {t("stats.daily.bot")}
        <span class="swatch human" />
        {t("stats.daily.human")}
      </div>
      <svg class="chart" viewBox="0 0 100 44" preserveAspectRatio="none" role="img" data-testid="stats-daily" aria-label={t("stats.chartLabel", { title: t("stats.daily"), summary: days.map((d) => `${d.date} ${d.sessions}`).join(", ") })}>
        {days.map((d, i) => {
          const bot = (d.botOnly / max) * 40;
          const other = ((d.sessions - d.botOnly) / max) * 40;
          return (
            <g key={d.date}>
              <title>{`${d.date}: ${d.sessions} (${t("stats.daily.bot")} ${d.botOnly}, ${t("stats.daily.human")} ${d.handedOff})`}</title>
              <rect class="bar bot" x={i * width + (width - bar) / 2} width={bar} y={42 - bot} height={bot} />
              <rect class="bar human" x={i * width + (width - bar) / 2} width={bar} y={42 - bot - other} height={other} />
            </g>
          );
        })}
      </svg>
      <div class="chart-axis" style={{ gridTemplateColumns: `repeat(${days.length}, 1fr)` }}>
        {days.map((d, i) => (
          <span key={d.date}>{i % every === 0 ? d.date.slice(5) : ""}</span>
        ))}
      </div>
    </div>
  );
}

function Columns({ values, label, every, testId }: { values: number[]; label: (i: number) => string; every: number; testId: string }) {
  const max = Math.max(1, ...values);
  const width = 100 / values.length;
  return (
    <div>
      <svg class="chart" viewBox="0 0 100 44" preserveAspectRatio="none" role="img" data-testid={testId} aria-label={values.map((v, i) => `${label(i)} ${v}`).join(", ")}>
        {values.map((v, i) => (
          <g key={i}>
            <title>{`${label(i)}: ${v}`}</title>
            <rect class="bar human" x={i * width + width * 0.15} width={width * 0.7} y={42 - (v / max) * 40} height={(v / max) * 40} />
          </g>
        ))}
      </svg>
      <div class="chart-axis" style={{ gridTemplateColumns: `repeat(${values.length}, 1fr)` }}>
        {values.map((_, i) => (
          <span key={i}>{i % every === 0 ? i : ""}</span>
        ))}
      </div>
    </div>
  );
}

/** Horizontal bars with the count (and a note) at the end: for lists whose labels are words. */
function Bars({ rows, testId }: { rows: { key: string; label: string; aria?: string; value: number; note?: string }[]; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul class="hbars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.key} data-key={r.key}>
          <span class="hbar-label" aria-label={r.aria} title={r.label}>
            {r.label}
          </span>
          <span class="hbar-track">
            <span class="hbar-fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span class="hbar-value">{r.value}</span>
          {r.note && <span class="hbar-note">{r.note}</span>}
        </li>
      ))}
    </ul>
  );
}

function AgentTable({ agents }: { agents: AgentFigures[] }) {
  if (agents.length === 0) return <p class="empty-hint">{t("stats.noAgents")}</p>;
  const cols = ["name", "sessions", "resolved", "response", "handle", "rated", "avgRating", "csat", "messages", "quality"] as const;
  return (
    <table class="data-table stats-agents" data-testid="stats-agents">
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c} class={c === "name" ? undefined : "num"}>{t(`stats.agent.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {agents.map((a) => (
          <tr key={a.agentId} data-agent={a.agentId}>
            <td>{a.name}</td>
            <td class="num">{a.sessions}</td>
            <td class="num">{a.resolved}</td>
            <td class="num">{duration(a.responseAvgMs)}</td>
            <td class="num">{duration(a.handleAvgMs)}</td>
            <td class="num">{a.rated}</td>
            <td class="num">{a.avgRating ?? t("stats.none")}</td>
            <td class="num">{pct(a.csat)}</td>
            <td class="num">{a.messages}</td>
            <td class="num" data-testid="stats-agent-quality" title={t("stats.agent.qualityTitle", { n: a.reviewed })}>
              {a.qualityAvg ?? t("stats.none")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The latest ratings that came with words, each opening its chat. */
function Comments({ comments, onOpen }: { comments: RatingComment[]; onOpen: (threadId: string) => void }) {
  if (comments.length === 0) return <p class="empty-hint">{t("stats.noComments")}</p>;
  return (
    <ul class="stats-comments" data-testid="stats-comments">
      {comments.map((c) => (
        <li key={c.sessionId} data-score={c.score}>
          <span class={`stats-comment-stars${c.score <= 2 ? " low" : ""}`} aria-label={t("stats.stars", { n: c.score })}>
            {ratingStars(c.score)}
          </span>
          <q class="stats-comment-text">{c.comment}</q>
          <span class="stats-comment-meta">
            {c.agentName ?? c.agentId ?? ""} · {formatTime(c.ratedAt)}
          </span>
          <button type="button" class="btn btn-outline btn-small" data-testid="stats-comment-open" onClick={() => onOpen(c.threadId)}>
            {t("stats.openChat")}
          </button>
        </li>
      ))}
    </ul>
  );
}
