import type { Campaign, CampaignCounts } from "../../../../core/protocol/campaigns";
import { issuesOf } from "../../common/field-errors";
import { t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { CampaignsModel } from "../../models/campaigns";
import { CampaignForm } from "./CampaignForm";
import { audienceSummary, campaignStatusName, dateTime } from "./proactive-text";

const COUNTS: (keyof CampaignCounts)[] = ["delivered", "pending", "deferred", "skippedOptOut", "capped", "dead"];
const STATUS_BADGE = { scheduled: "badge-waiting", sent: "badge-success", cancelled: "badge-ended" } as const;

/** 营销触达: what it does, 新建活动 (the form), and the shop's campaigns, newest first. */
export function CampaignsSection({ model }: { model: CampaignsModel }) {
  const shop = model.shopId.value;
  const list = model.campaigns.value;
  return (
    <section class="stats-card proactive-section" data-testid="campaigns" aria-labelledby="campaigns-title">
      <div class="proactive-section-head">
        <h2 id="campaigns-title">{t("campaigns.title")}</h2>
        <span class="page-head-spacer" />
        {shop && !model.composing.value && (
          <button type="button" class="btn btn-primary btn-small" data-testid="campaign-new" onClick={() => (model.composing.value = true)}>
            {t("campaigns.new")}
          </button>
        )}
      </div>
      <p class="muted proactive-about">{t("campaigns.about")}</p>
      {!shop ? (
        <p class="info-note" data-testid="campaigns-pick-shop">{t("campaigns.pickShop")}</p>
      ) : (
        <>
          {model.composing.value && <CampaignForm key={shop} list={model} />}
          {model.error.value && <ErrorNote error={model.error.value} />}
          {list === null ? (
            model.loading.value && <p class="empty-hint">{t("proactive.loading")}</p>
          ) : list.length === 0 ? (
            <p class="empty-hint" data-testid="campaigns-empty">{t("campaigns.empty")}</p>
          ) : (
            <CampaignTable model={model} campaigns={list} />
          )}
        </>
      )}
    </section>
  );
}

function CampaignTable({ model, campaigns }: { model: CampaignsModel; campaigns: readonly Campaign[] }) {
  const cols = ["campaign", "status", "time", "audience", "told", "counts"] as const;
  return (
    <div class="proactive-table-wrap">
      <table class="data-table campaign-table" data-testid="campaign-list">
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} class={c === "told" ? "num" : undefined}>
                {t(`campaigns.col.${c}`)}
              </th>
            ))}
            <th aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {campaigns.map((c) => (
            <CampaignRow key={c.id} c={c} model={model} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CampaignRow({ c, model }: { c: Campaign; model: CampaignsModel }) {
  const failed = model.cancelError.value?.id === c.id ? model.cancelError.value.error : null;
  const cancelling = model.cancelling.value === c.id;
  return (
    <tr data-testid="campaign-row" data-id={c.id} data-status={c.status} class={model.created.value === c.id ? "campaign-new-row" : undefined}>
      <td>
        <div class="campaign-cell-main">
          <strong data-testid="campaign-name">{c.name}</strong>
          <span class="campaign-text" title={c.text}>
            {c.text}
          </span>
          <span class="muted campaign-by">{t("campaigns.by", { name: c.createdBy.name, time: dateTime(c.createdAt) })}</span>
        </div>
      </td>
      <td>
        <span class={`badge ${STATUS_BADGE[c.status]}`} data-testid="campaign-status" data-status={c.status}>
          {campaignStatusName(c.status)}
        </span>
      </td>
      <td class="num" data-testid="campaign-time">
        {dateTime(c.sentAt ?? c.sendAt)}
        {c.cancelledAt !== null && <span class="muted campaign-by">{t("campaigns.cancelledAt", { time: dateTime(c.cancelledAt) })}</span>}
      </td>
      <td data-testid="campaign-audience">{audienceSummary(c.audience)}</td>
      <td class="num" data-testid="campaign-told" data-count={c.audienceCount ?? ""}>
        {c.audienceCount === null ? <span class="muted">{c.status === "scheduled" ? t("campaigns.toldPending") : t("stats.none")}</span> : t("campaigns.told", { n: c.audienceCount })}
      </td>
      <td>{c.status === "sent" ? <Counts counts={c.counts} /> : <span class="muted">{t("stats.none")}</span>}</td>
      <td class="row-actions">
        {c.status === "scheduled" && (
          <button type="button" class="btn btn-outline btn-small btn-danger" data-testid="campaign-cancel" disabled={cancelling} onClick={() => void model.cancel(c.id)}>
            {t(cancelling ? "campaigns.cancelling" : "campaigns.cancel")}
          </button>
        )}
        {failed && (
          <span class="row-status bad" role="alert" data-testid="campaign-cancel-error">
            {issueText(issuesOf(failed)[0]?.message ?? failed.message)}
          </span>
        )}
      </td>
    </tr>
  );
}

/** What became of a sent campaign's notices; zeros stay quiet. */
function Counts({ counts }: { counts: CampaignCounts }) {
  return (
    <ul class="campaign-counts" data-testid="campaign-counts">
      {COUNTS.map((k) => (
        <li key={k} class={counts[k] === 0 ? "zero" : k === "dead" ? "bad" : undefined} data-testid={`campaign-count-${k}`} data-count={counts[k]}>
          <span>{t(`campaigns.count.${k}`)}</span>
          <strong>{counts[k]}</strong>
        </li>
      ))}
    </ul>
  );
}
