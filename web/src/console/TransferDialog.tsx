import { useModel } from "@preact/signals";
import { useEffect, useRef } from "preact/hooks";
import { lang, nameOf, t } from "../common/i18n";
import { ErrorNote } from "../common/ui/ErrorNote";
import type { QueueModel } from "../models/queue";
import { TransferModel } from "../models/transfer";

export interface TransferDialogProps {
  queue: QueueModel;
  sessionId: string;
  currentAgentId: string | null;
  onClose: () => void;
}

/** 转接: pick an agent (status and load shown) or a group, add a note, confirm. */
export function TransferDialog({ queue, sessionId, currentAgentId, onClose }: TransferDialogProps) {
  const m = useModel(() => new TransferModel({ queue, sessionId, currentAgentId, onDone: onClose }));
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const mode = m.mode.value;
  const error = m.error.value;
  return (
    <dialog ref={dialog} class="dialog" data-testid="transfer-dialog" aria-labelledby="transfer-title" onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void m.submit();
        }}
      >
        <h2 id="transfer-title">{t("transfer.title")}</h2>
        <div class="segmented" role="tablist">
          {(["agent", "group"] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={mode === k} class={mode === k ? "active" : ""} data-testid={`transfer-mode-${k}`} onClick={() => (m.mode.value = k)}>
              {t(k === "agent" ? "transfer.toAgent" : "transfer.toGroup")}
            </button>
          ))}
        </div>
        <ul class="choice-list" role="radiogroup">
          {mode === "agent" && m.agents.value.length === 0 && <li class="empty-hint">{t("transfer.noAgents")}</li>}
          {mode === "agent" &&
            m.agents.value.map((a) => (
              <li key={a.id}>
                <label class={`choice${a.status === "offline" ? " disabled" : ""}`} data-testid="transfer-agent" data-agent-id={a.id}>
                  <input type="radio" name="agent" disabled={a.status === "offline"} checked={m.agentId.value === a.id} onChange={() => (m.agentId.value = a.id)} />
                  <span class="choice-name">{a.name}</span>
                  <span class={`agent-status agent-status-${a.status}`}>{nameOf("agentStatus", a.status)}</span>
                  <span class="choice-meta">{t("queue.load", { load: a.load, capacity: a.capacity })}</span>
                </label>
              </li>
            ))}
          {mode === "group" &&
            m.groups.value.map((g) => (
              <li key={g.key}>
                <label class="choice" data-testid="transfer-group" data-group-key={g.key}>
                  <input type="radio" name="group" checked={m.groupKey.value === g.key} onChange={() => (m.groupKey.value = g.key)} />
                  <span class="choice-name">{lang.value === "en" ? g.nameEn : g.name}</span>
                  <span class="choice-meta">
                    {t("queue.online", { n: g.online })} · {t("queue.waitingCount", { n: g.waiting })}
                  </span>
                </label>
              </li>
            ))}
        </ul>
        <label class="field">
          <span>{t("transfer.note")}</span>
          <textarea rows={3} maxLength={500} data-testid="transfer-note" placeholder={t("transfer.notePlaceholder")} value={m.note.value} onInput={(e) => (m.note.value = e.currentTarget.value)} />
        </label>
        {error && (error.message ? <ErrorNote error={error} /> : <p class="error-note" role="alert">{t("transfer.pickTarget")}</p>)}
        <div class="dialog-actions">
          <button type="button" class="btn btn-outline" onClick={onClose}>
            {t("transfer.cancel")}
          </button>
          <button type="submit" class="btn btn-primary" data-testid="transfer-submit" disabled={m.busy.value || !m.target.value}>
            {t(m.busy.value ? "transfer.sending" : "transfer.submit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
