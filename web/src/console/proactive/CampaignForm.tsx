import { useModel } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { CUSTOMER_LEVELS } from "../../../../core/protocol";
import { CAMPAIGN_ACTIVITIES, CAMPAIGN_NAME_MAX, CAMPAIGN_SCHEDULE_MAX_DAYS, CAMPAIGN_TEXT_MAX, type CampaignActivity } from "../../../../core/protocol/campaigns";
import { errorAt } from "../../common/field-errors";
import { nameOf, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { CampaignDraftModel, localDateTime } from "../../models/campaign-draft";
import type { CampaignsModel } from "../../models/campaigns";
import { ChipsInput } from "../admin/ChipsInput";
import { FieldError } from "../admin/FieldError";

/** Fields the form shows an error at; any other error shows as a note above the buttons. */
const SHOWN = ["name", "text", "audience", "sendAt"];
const DAY_MS = 86_400_000;

/**
 * 新建活动: name, message (with its length), audience (activity within N days, levels, tags) with
 * the live count of customers it holds, and now or a local date-time; sending now asks first.
 */
export function CampaignForm({ list }: { list: CampaignsModel }) {
  const m = useModel(() => new CampaignDraftModel({ api: list.api, query: list.query(), onCreated: (c) => list.add(c) }));
  return <Form m={m} onClose={() => (list.composing.value = false)} />;
}

function Form({ m, onClose }: { m: CampaignDraftModel; onClose: () => void }) {
  const errs = { ...m.audienceFields.value, ...m.fields.value };
  const at = (field: string) => errorAt(errs, field);
  const textLength = m.text.value.trim().length;
  const later = m.when.value === "later";
  const other = m.error.value && !Object.keys(errs).some((f) => SHOWN.some((s) => f === s || f.startsWith(`${s}.`)));
  return (
    <form
      class="new-agent campaign-form"
      data-testid="campaign-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void m.submit();
      }}
    >
      <h3>{t("campaignNew.title")}</h3>
      <div class="campaign-form-grid">
        <div>
          <label class="field">
            <span>{t("campaignNew.name")}</span>
            <input type="text" data-testid="campaign-name-input" maxLength={CAMPAIGN_NAME_MAX} placeholder={t("campaignNew.namePlaceholder")} aria-invalid={at("name") ? "true" : undefined} value={m.name.value} onInput={(e) => { m.name.value = e.currentTarget.value; m.touched("name"); }} />
            <FieldError message={at("name")} testId="campaign-error-name" />
          </label>
          <label class="field">
            <span class="campaign-label-row">
              {t("campaignNew.text")}
              <span class={`campaign-chars${textLength > CAMPAIGN_TEXT_MAX ? " over" : ""}`} data-testid="campaign-chars">
                {t("campaignNew.chars", { n: textLength, max: CAMPAIGN_TEXT_MAX })}
              </span>
            </span>
            <textarea rows={6} data-testid="campaign-text" placeholder={t("campaignNew.textPlaceholder")} aria-invalid={at("text") ? "true" : undefined} value={m.text.value} onInput={(e) => { m.text.value = e.currentTarget.value; m.touched("text"); }} />
            <FieldError message={at("text")} testId="campaign-error-text" />
          </label>
        </div>
        <Audience m={m} at={at} />
      </div>
      <fieldset class="campaign-when">
        <legend>{t("campaignNew.when")}</legend>
        <label class="ticket-check">
          <input type="radio" name="campaign-when" data-testid="campaign-when-now" checked={!later} onChange={() => { m.when.value = "now"; m.touched("sendAt"); }} />
          {t("campaignNew.now")}
        </label>
        <label class="ticket-check">
          <input type="radio" name="campaign-when" data-testid="campaign-when-later" checked={later} onChange={() => (m.when.value = "later")} />
          {t("campaignNew.later")}
        </label>
        {later && (
          <span class="campaign-send-at">
            <input
              type="datetime-local"
              data-testid="campaign-send-at"
              aria-label={t("campaignNew.later")}
              aria-invalid={at("sendAt") ? "true" : undefined}
              min={localDateTime(Date.now())}
              max={localDateTime(Date.now() + CAMPAIGN_SCHEDULE_MAX_DAYS * DAY_MS)}
              value={m.sendAt.value}
              onInput={(e) => { m.sendAt.value = e.currentTarget.value; m.touched("sendAt"); }}
            />
            <span class="muted">{t("campaignNew.laterHint", { days: CAMPAIGN_SCHEDULE_MAX_DAYS })}</span>
          </span>
        )}
        <FieldError message={at("sendAt")} testId="campaign-error-sendAt" />
      </fieldset>
      {other && <ErrorNote error={m.error.value!} />}
      <div class="row-actions campaign-actions">
        <button type="button" class="btn btn-outline" data-testid="campaign-close" onClick={onClose}>
          {t("campaignNew.close")}
        </button>
        <button type="submit" class="btn btn-primary" data-testid="campaign-submit" disabled={m.busy.value}>
          {t(m.busy.value ? "campaignNew.submitting" : later ? "campaignNew.submitLater" : "campaignNew.submitNow")}
        </button>
      </div>
      {m.confirming.value && <ConfirmSend m={m} />}
    </form>
  );
}

function Audience({ m, at }: { m: CampaignDraftModel; at: (field: string) => string | undefined }) {
  const cart = m.activity.value === "cart";
  const hint = cart ? "campaignNew.cartHint" : m.activity.value === "any" ? "campaignNew.anyHint" : null;
  return (
    <fieldset class="campaign-audience">
      <legend>{t("campaignNew.audience")}</legend>
      <div class="campaign-audience-row">
        <label class="field">
          <span>{t("campaignNew.activity")}</span>
          <select data-testid="campaign-activity" value={m.activity.value} onChange={(e) => (m.activity.value = e.currentTarget.value as CampaignActivity)}>
            {CAMPAIGN_ACTIVITIES.map((a) => (
              <option key={a} value={a}>
                {t(`campaigns.activity.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t("campaignNew.within")}</span>
          <span class="campaign-days">
            <input class="input-num" type="number" min={1} max={90} step={1} data-testid="campaign-days" disabled={cart} aria-invalid={at("audience.withinDays") ? "true" : undefined} value={m.withinDays.value} onInput={(e) => { m.withinDays.value = e.currentTarget.value; m.touched("audience"); }} />
            {t("campaignNew.days")}
          </span>
        </label>
      </div>
      {hint && <p class="muted campaign-hint">{t(hint)}</p>}
      <FieldError message={at("audience.withinDays")} testId="campaign-error-days" />
      <div class="field">
        <span>
          {t("campaignNew.levels")} <span class="muted">{t("campaignNew.levelsHint")}</span>
        </span>
        <span class="campaign-levels" role="group" aria-label={t("campaignNew.levels")}>
          {CUSTOMER_LEVELS.map((l) => (
            <label key={l} class="ticket-check">
              <input
                type="checkbox"
                data-testid={`campaign-level-${l}`}
                checked={m.levels.value.includes(l)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  m.levels.value = on ? CUSTOMER_LEVELS.filter((x) => x === l || m.levels.peek().includes(x)) : m.levels.peek().filter((x) => x !== l);
                  m.touched("audience");
                }}
              />
              {nameOf("level", l)}
            </label>
          ))}
        </span>
        <FieldError message={at("audience.levels")} />
      </div>
      <div class="field">
        <span>{t("campaignNew.tags")}</span>
        <ChipsInput values={m.tags.value} onChange={(next) => { m.tags.value = next; m.touched("audience"); }} placeholder={t("campaignNew.tagsPlaceholder")} testId="campaign-tags" invalid={!!at("audience.tags")} />
        <FieldError message={at("audience.tags")} testId="campaign-error-tags" />
      </div>
      <AudienceCount m={m} />
    </fieldset>
  );
}

/** 符合条件的顾客: N 位, as of the last settled filters. */
function AudienceCount({ m }: { m: CampaignDraftModel }) {
  const p = m.preview.value;
  const invalid = !m.audience.value.ok;
  return (
    <div class="campaign-count" data-testid="campaign-audience-count" data-state={invalid ? "invalid" : p.state} data-count={p.state === "counted" ? p.count : ""} aria-live="polite">
      <span>{t("campaignNew.count")}</span>
      {invalid ? (
        <span class="muted">{t("campaignNew.countInvalid")}</span>
      ) : p.state === "counted" ? (
        <>
          <strong data-testid="campaign-audience-value">{t("campaignNew.countValue", { n: p.count })}</strong>
          {p.total > p.max && <span class="muted" data-testid="campaign-audience-capped">{t("campaignNew.countMax", { max: p.max, total: p.total })}</span>}
        </>
      ) : p.state === "failed" ? (
        <ErrorNote error={p.error} />
      ) : p.state === "counting" && p.last ? (
        <strong class="stale" aria-busy="true">
          {t("campaignNew.countValue", { n: p.last.count })}
        </strong>
      ) : (
        <span class="muted">{t("campaignNew.counting")}</span>
      )}
    </div>
  );
}

/** 将向 N 位顾客发送: the count asked again, the message once more, then 确认发送. */
function ConfirmSend({ m }: { m: CampaignDraftModel }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const p = m.preview.value;
  const counted = p.state === "counted";
  return (
    <dialog ref={dialog} class="dialog" data-testid="campaign-confirm" aria-labelledby="campaign-confirm-title" onClose={() => m.cancelConfirm()}>
      <h2 id="campaign-confirm-title">{t("campaignNew.confirmTitle")}</h2>
      <p class="campaign-confirm-count" data-testid="campaign-confirm-count" data-count={counted ? p.count : ""}>
        {p.state === "counted" ? (p.count > 0 ? t("campaignNew.confirmCount", { n: p.count }) : t("campaignNew.confirmNone")) : p.state === "failed" ? "" : t("campaignNew.confirmCounting")}
      </p>
      {p.state === "failed" && <ErrorNote error={p.error} />}
      <p class="muted">{t("campaignNew.confirmText")}</p>
      <blockquote class="campaign-confirm-text">{m.text.value.trim()}</blockquote>
      <div class="dialog-actions">
        <button type="button" class="btn btn-outline" data-testid="campaign-confirm-back" onClick={() => dialog.current?.close()}>
          {t("campaignNew.back")}
        </button>
        <button type="button" class="btn btn-primary" data-testid="campaign-confirm-send" disabled={!counted || p.count === 0 || m.busy.value} onClick={() => void m.confirm()}>
          {t(m.busy.value ? "campaignNew.submitting" : "campaignNew.confirm")}
        </button>
      </div>
    </dialog>
  );
}
