import type { DeadLetter } from "../../common/api-types";
import { issuesOf } from "../../common/field-errors";
import { errorText, t } from "../../common/i18n";
import { issueText } from "../../common/issue-text";
import type { ProactiveModel } from "../../models/proactive";
import { dateTime, deadLetterKind, deadLetterNotice, kindName } from "./proactive-text";

/** 失败的通知: the open dead letters, newest first, each with 重新发送. */
export function DeadLettersSection({ model }: { model: ProactiveModel }) {
  const letters = model.deadLetters.value;
  const allShops = model.canPickShop.value && model.shopId.value === "";
  const replayed = model.replayed.value.length;
  return (
    <section class="stats-card proactive-section" data-testid="dead-letters" aria-labelledby="dead-letters-title">
      <div class="proactive-section-head">
        <h2 id="dead-letters-title">{t("deadLetters.title")}</h2>
        {letters && letters.length > 0 && <span class="count-badge warn" data-testid="dead-letters-count">{letters.length}</span>}
      </div>
      <p class="muted proactive-about">{t("deadLetters.about")}</p>
      {replayed > 0 && (
        <p class="ok-note" role="status" data-testid="dead-letters-replayed">
          {t("deadLetters.replayed", { n: replayed })}
        </p>
      )}
      {!letters ? (
        model.loading.value && <p class="empty-hint">{t("proactive.loading")}</p>
      ) : letters.length === 0 ? (
        <p class="empty-hint" data-testid="dead-letters-empty">{t("deadLetters.empty")}</p>
      ) : (
        <div class="proactive-table-wrap">
          <table class="data-table" data-testid="dead-letter-list">
            <thead>
              <tr>
                <th>{t("deadLetters.col.time")}</th>
                {allShops && <th>{t("deadLetters.col.shop")}</th>}
                <th>{t("deadLetters.col.kind")}</th>
                <th>{t("deadLetters.col.customer")}</th>
                <th>{t("deadLetters.col.notice")}</th>
                <th>{t("deadLetters.col.error")}</th>
                <th aria-hidden="true" />
              </tr>
            </thead>
            <tbody>
              {letters.map((d) => (
                <LetterRow key={d.id} d={d} model={model} showShop={allShops} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function LetterRow({ d, model, showShop }: { d: DeadLetter; model: ProactiveModel; showShop: boolean }) {
  const kind = deadLetterKind(d.body);
  const customer = (d.body as { customerId?: unknown } | null)?.customerId;
  const failed = model.replayError.value?.id === d.id ? model.replayError.value.error : null;
  const busy = model.replaying.value === d.id;
  return (
    <tr data-testid="dead-letter" data-id={d.id} data-kind={kind ?? ""}>
      <td class="num">{dateTime(d.diedAt)}</td>
      {showShop && <td class="mono">{d.shopId ?? t("stats.none")}</td>}
      <td>{kind ? kindName(kind) : t("deadLetters.unknownKind")}</td>
      <td class="mono">{typeof customer === "string" ? customer : t("stats.none")}</td>
      <td class="dead-letter-notice">{deadLetterNotice(d.body) || t("stats.none")}</td>
      <td>
        <span class="dead-letter-error">{d.reason === "invalid" ? t("deadLetters.invalid") : d.lastError ?? t("stats.none")}</span>
        {d.deaths > 1 && <span class="muted row-status">{t("deadLetters.deaths", { n: d.deaths })}</span>}
      </td>
      <td class="row-actions">
        {d.reason !== "invalid" && (
          <button type="button" class="btn btn-outline btn-small" data-testid="dead-letter-replay" disabled={model.replaying.value !== null} onClick={() => void model.replay(d)}>
            {t(busy ? "deadLetters.replaying" : "deadLetters.replay")}
          </button>
        )}
        {failed && (
          <span class="row-status bad" role="alert" data-testid="dead-letter-replay-error">
            {errorText(failed.code)} {issueText(issuesOf(failed)[0]?.message ?? failed.message)}
          </span>
        )}
      </td>
    </tr>
  );
}
