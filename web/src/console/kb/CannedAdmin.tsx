import type { CannedReply } from "../../common/kb-types";
import { formatTime, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { CannedModel } from "../../models/canned";
import { FieldError } from "../admin/FieldError";
import { PanelHead } from "./PanelHead";

function ReplyTable({ replies, model, scope }: { replies: readonly CannedReply[]; model: CannedModel; scope: "shop" | "personal" }) {
  if (!replies.length) return <p class="ctx-empty">{t(scope === "shop" ? "canned.shopEmpty" : "canned.mineEmpty")}</p>;
  return (
    <table class="data-table admin-table canned-table" data-testid={`canned-${scope}`}>
      <thead>
        <tr>
          <th>{t("canned.shortcut")}</th>
          <th>{t("canned.titleField")}</th>
          <th>{t("canned.text")}</th>
          <th>{t("kb.updated")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {replies.map((r) => (
          <tr key={r.id} data-testid="canned-item" data-id={r.id} data-scope={r.scope}>
            <td class="mono">/{r.shortcut}</td>
            <td>{r.title}</td>
            <td class="canned-text">{r.text}</td>
            <td class="num">{formatTime(r.updatedAt)}</td>
            <td class="row-actions">
              {model.canEdit(r) && (
                <>
                  <button type="button" class="link-btn" data-testid="canned-edit" onClick={() => model.startEdit(r)}>
                    {t("canned.edit")}
                  </button>{" "}
                  <button type="button" class="link-btn btn-danger" data-testid="canned-delete" onClick={() => confirm(t("canned.confirmDelete", { s: r.shortcut })) && void model.remove(r)}>
                    {t("kb.delete")}
                  </button>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CannedFormPanel({ model }: { model: CannedModel }) {
  const f = model.form.value;
  if (!f) return null;
  const fields = model.fields.value;
  const error = model.formError.value;
  return (
    <section class="kb-editor" data-testid="canned-form">
      <PanelHead title={t(f.id ? "canned.editTitle" : f.scope === "shop" ? "canned.newShop" : "canned.newMine")} onClose={() => model.close()} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void model.save();
        }}
      >
        <label class="field">
          <span>{t("canned.shortcut")}</span>
          <input type="text" data-testid="canned-shortcut" maxLength={33} placeholder="/refund" value={f.shortcut} onInput={(e) => model.editForm({ shortcut: e.currentTarget.value })} aria-invalid={!!fields.shortcut} />
          <FieldError message={fields.shortcut} />
        </label>
        <label class="field">
          <span>{t("canned.titleField")}</span>
          <input type="text" data-testid="canned-title" maxLength={64} value={f.title} onInput={(e) => model.editForm({ title: e.currentTarget.value })} aria-invalid={!!fields.title} />
          <FieldError message={fields.title} />
        </label>
        <label class="field">
          <span>{t("canned.text")}</span>
          <textarea rows={5} data-testid="canned-text" maxLength={2000} value={f.text} onInput={(e) => model.editForm({ text: e.currentTarget.value })} aria-invalid={!!fields.text} />
          <FieldError message={fields.text} />
        </label>
        {error && !Object.keys(fields).length && <ErrorNote error={error} />}
        <div class="kb-editor-actions">
          <button type="submit" class="btn btn-primary" data-testid="canned-save" disabled={model.busy.value}>
            {t(model.busy.value ? "admin.saving" : "admin.save")}
          </button>
        </div>
      </form>
    </section>
  );
}

/** 快捷回复: the shop's replies (admins write them) and the agent's own, each with its /shortcut. */
export function CannedAdmin({ model }: { model: CannedModel }) {
  return (
    <div class="canned-admin" data-testid="canned-admin">
      <p class="muted un-hint">{t("canned.hint")}</p>
      {model.error.value && <ErrorNote error={model.error.value} />}
      <div class={`kb-body${model.form.value ? " editing" : ""}`}>
        <div>
          <section class="canned-section">
            <header class="canned-head">
              <h3>{t("canned.shop")}</h3>
              {model.canWriteShop() && (
                <button type="button" class="btn btn-outline btn-small" data-testid="canned-new-shop" onClick={() => model.startNew("shop")}>
                  + {t("canned.add")}
                </button>
              )}
            </header>
            <ReplyTable replies={model.shopReplies.value} model={model} scope="shop" />
          </section>
          <section class="canned-section">
            <header class="canned-head">
              <h3>{t("canned.mine")}</h3>
              <button type="button" class="btn btn-outline btn-small" data-testid="canned-new-personal" onClick={() => model.startNew("personal")}>
                + {t("canned.add")}
              </button>
            </header>
            <ReplyTable replies={model.mine.value} model={model} scope="personal" />
          </section>
        </div>
        <CannedFormPanel model={model} />
      </div>
    </div>
  );
}
