import { errorAt } from "../../common/field-errors";
import { lang, t } from "../../common/i18n";
import { rolesForShop } from "../../../../core/protocol";
import type { DirectoryModel, GroupRow } from "../../models/admin-directory";
import { FieldError } from "./FieldError";
import { RowStatus } from "./RowStatus";
import { NumberCell, SaveCell } from "./RowCells";

/** Skill-group toggles of one account. */
function GroupToggles({ groups, selected, onToggle }: { groups: GroupRow[]; selected: string[]; onToggle: (key: string) => void }) {
  return (
    <div class="chip-toggles">
      {groups.map((g) => (
        <button key={g.key} type="button" class={`chip-toggle${selected.includes(g.key) ? " on" : ""}`} aria-pressed={selected.includes(g.key)} data-testid="agent-group-toggle" data-group-key={g.key} onClick={() => onToggle(g.key)}>
          {lang.value === "en" ? g.nameEn : g.name}
        </button>
      ))}
    </div>
  );
}

const toggled = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);

/** Adds an account to the shop: who, their role, a first password to pass on, their load and groups. */
function NewAgentForm({ directory }: { directory: DirectoryModel }) {
  const d = directory.newAgent.value;
  const row = directory.rows.value["new-agent"];
  const errs = row?.status === "failed" ? row.fields : {};
  const shopId = directory.directory.value?.shopId ?? "";
  const field = (key: "email" | "name" | "password", autoComplete: string) => (
    <label class="field">
      <span>{t(`agent.new.${key}`)}</span>
      <input type="text" inputMode={key === "email" ? "email" : "text"} autoComplete={autoComplete} data-testid={`new-agent-${key}`} value={d[key]} aria-invalid={!!errs[key]} onInput={(e) => directory.editNewAgent({ [key]: e.currentTarget.value })} />
      <FieldError message={errorAt(errs, key)} />
    </label>
  );
  return (
    <form class="new-agent" data-testid="new-agent-form" onSubmit={(e) => { e.preventDefault(); void directory.addAgent(); }}>
      <h2>{t("agent.new.title")}</h2>
      <div class="new-agent-fields">
        {field("name", "off")}
        {field("email", "off")}
        {field("password", "new-password")}
        <label class="field">
          <span>{t("agent.role")}</span>
          <select data-testid="new-agent-role" value={d.role} onChange={(e) => directory.editNewAgent({ role: e.currentTarget.value })}>
            {rolesForShop(shopId).map((r) => (
              <option key={r} value={r}>
                {t(`staffRole.${r}`)}
              </option>
            ))}
          </select>
          <FieldError message={errorAt(errs, "role")} />
        </label>
        <label class="field">
          <span>{t("agent.capacity")}</span>
          <input class="input-num" type="number" min={1} max={50} data-testid="new-agent-capacity" value={d.capacity} onInput={(e) => directory.editNewAgent({ capacity: e.currentTarget.value })} />
          <FieldError message={errorAt(errs, "capacity")} />
        </label>
      </div>
      <div class="field">
        <span>{t("agent.groups")}</span>
        <GroupToggles groups={directory.directory.value?.groups ?? []} selected={d.groups} onToggle={(k) => directory.editNewAgent({ groups: toggled(d.groups, k) })} />
        <FieldError message={errorAt(errs, "groups")} />
      </div>
      <p class="muted">{t("agent.new.hint")}</p>
      <div class="row-actions">
        <button type="submit" class="btn btn-primary" data-testid="new-agent-submit" disabled={row?.status === "saving"}>
          {t("agent.new.submit")}
        </button>
        <RowStatus state={row} />
      </div>
    </form>
  );
}

/** The shop's rule that every account logs in with two-factor login, and who does not yet. */
function TwoFactorPolicy({ directory }: { directory: DirectoryModel }) {
  const dir = directory.directory.value;
  if (!dir) return null;
  const row = directory.rows.value["two-factor-policy"];
  const without = dir.agents.filter((a) => !a.twoFactor);
  return (
    <section class="account-card two-factor-policy" data-testid="two-factor-policy">
      <label>
        <input
          type="checkbox"
          data-testid="two-factor-policy-toggle"
          checked={dir.twoFactorRequired}
          disabled={row?.status === "saving"}
          onChange={(e) => void directory.setTwoFactorRequired(e.currentTarget.checked)}
        />
        {t("policy.require")}
      </label>
      <p class="muted">{t("policy.about")}</p>
      {dir.twoFactorRequired && (
        <p data-testid="two-factor-policy-without">{without.length ? t("policy.without", { names: without.map((a) => a.name).join(lang.value === "en" ? ", " : "、") }) : t("policy.allOn")}</p>
      )}
      {directory.policyNeedsOwnTwoFactor.value ? (
        <p class="field-error" role="alert" data-testid="two-factor-policy-error">
          {t("policy.adminWithout")}
        </p>
      ) : (
        <RowStatus state={row} />
      )}
    </section>
  );
}

/** Under an account's name: "reset password", its form, or what the last reset did. */
function PasswordReset({ directory, id }: { directory: DirectoryModel; id: string }) {
  const draft = directory.passwordDraft.value;
  const set = directory.passwordSet.value;
  const row = directory.rows.value[`password:${id}`];
  if (draft?.id !== id) {
    return (
      <div class="password-reset">
        <button type="button" class="link-btn" data-testid="agent-password-reset" onClick={() => directory.editPassword(id)}>
          {t("agent.setPassword")}
        </button>
        {set?.id === id && (
          <p class="row-status ok" role="status" data-testid="agent-password-set">
            {t("agent.passwordSet", { n: set.sessionsEnded })}
          </p>
        )}
      </div>
    );
  }
  const errs = row?.status === "failed" ? row.fields : {};
  return (
    <form class="password-reset" data-testid="agent-password-form" onSubmit={(e) => (e.preventDefault(), void directory.savePassword())}>
      <label class="field">
        <span>{t("agent.newPassword")}</span>
        <input type="text" autoComplete="new-password" data-testid="agent-new-password" value={draft.password} aria-invalid={!!errs.password} onInput={(e) => directory.typePassword(e.currentTarget.value)} />
        <FieldError message={errorAt(errs, "password")} />
      </label>
      <div class="row-actions">
        <button type="submit" class="btn btn-primary btn-small" data-testid="agent-password-save" disabled={row?.status === "saving"}>
          {t("agent.passwordSave")}
        </button>
        <button type="button" class="link-btn" onClick={() => directory.editPassword(null)}>
          {t("agent.passwordCancel")}
        </button>
        {!errs.password && <RowStatus state={row} />}
      </div>
    </form>
  );
}

/** Under an account's name: 强制下线 (after a confirm), and how many logins the last one ended. */
function EndSessions({ directory, id, name }: { directory: DirectoryModel; id: string; name: string }) {
  const done = directory.sessionsEnded.value;
  const row = directory.rows.value[`sessions:${id}`];
  return (
    <div class="end-sessions">
      <button
        type="button"
        class="link-btn"
        data-testid="agent-end-sessions"
        disabled={row?.status === "saving"}
        onClick={() => confirm(t("agent.confirmEndSessions", { name })) && void directory.endSessions(id)}
      >
        {t("agent.endSessions")}
      </button>
      {done?.id === id ? (
        <p class="row-status ok" role="status" data-testid="agent-sessions-ended">
          {t("agent.sessionsEnded", { n: done.sessionsEnded })}
        </p>
      ) : (
        row?.status === "failed" && <RowStatus state={row} />
      )}
    </div>
  );
}

/** Agents: how many chats at once, seniority (senior-only rules), skill groups; adding and disabling accounts. */
export function AgentsAdmin({ directory, meId }: { directory: DirectoryModel; meId: string }) {
  const dir = directory.directory.value;
  const drafts = directory.agentDrafts.value;
  const rows = directory.rows.value;
  const groups = dir?.groups ?? [];
  return (
    <>
    <TwoFactorPolicy directory={directory} />
    <NewAgentForm directory={directory} />
    <table class="data-table admin-table" data-testid="agents-admin">
      <thead>
        <tr>
          <th>{t("agent.name")}</th>
          <th>{t("agent.capacity")}</th>
          <th>{t("agent.seniority")}</th>
          <th>{t("agent.groups")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {(dir?.agents ?? []).map((a) => {
          const d = drafts[a.id];
          if (!d) return null;
          const row = rows[`agent:${a.id}`];
          const errs = row?.status === "failed" ? row.fields : {};
          const toggle = (key: string) => directory.editAgent(a.id, { groups: toggled(d.groups, key) });
          return (
            <tr key={a.id} data-testid="agent-admin-row" data-agent-id={a.id}>
              <td>
                <strong>{a.name}</strong>
                <div class="muted">
                  {t(`staffRole.${a.role as "shop_agent"}`)} · {a.email}
                </div>
                {a.id !== meId && (
                  <div class="account-actions">
                    <PasswordReset directory={directory} id={a.id} />
                    <EndSessions directory={directory} id={a.id} name={a.name} />
                  </div>
                )}
                {!a.twoFactor && dir?.twoFactorRequired && (
                  <div class="two-factor-flag" data-testid="agent-two-factor-off">
                    <span class="badge badge-ended">{t("agent.twoFactorOff")}</span>
                  </div>
                )}
                {a.twoFactor && (
                  <div class="two-factor-flag" data-testid="agent-two-factor">
                    <span class="badge badge-active">{t("agent.twoFactorOn")}</span>
                    {a.id !== meId && (
                      <button type="button" class="link-btn" data-testid="agent-two-factor-reset" onClick={() => confirm(t("agent.confirmTwoFactorReset", { name: a.name })) && void directory.resetTwoFactor(a.id)}>
                        {t("agent.twoFactorReset")}
                      </button>
                    )}
                  </div>
                )}
              </td>
              <NumberCell testId="agent-capacity" min={1} max={50} value={d.capacity} error={errs.capacity} onInput={(capacity) => directory.editAgent(a.id, { capacity })} />
              <NumberCell testId="agent-seniority" min={1} max={5} value={d.seniority} error={errs.seniority} onInput={(seniority) => directory.editAgent(a.id, { seniority })} />
              <td>
                <GroupToggles groups={groups} selected={d.groups} onToggle={toggle} />
                <FieldError message={errorAt(errs, "groups")} />
              </td>
              <SaveCell testId="agent-save" row={row} onSave={() => void directory.saveAgent(a.id)}>
                {a.id !== meId && (
                  <button type="button" class="link-btn btn-danger" data-testid="agent-disable" onClick={() => confirm(t("agent.confirmDisable", { name: a.name })) && void directory.disableAgent(a.id)}>
                    {t("agent.disable")}
                  </button>
                )}
              </SaveCell>
            </tr>
          );
        })}
      </tbody>
    </table>
    </>
  );
}
