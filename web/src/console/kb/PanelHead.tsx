import type { ComponentChildren } from "preact";
import { t } from "../../common/i18n";
import { Icon } from "../../common/ui/Icon";

/** The head of a side panel (article, canned reply, unanswered forms): title, extras, close. */
export function PanelHead({ title, onClose, children }: { title: string; onClose: () => void; children?: ComponentChildren }) {
  return (
    <header class="kb-editor-head">
      <h2>{title}</h2>
      {children}
      <span class="page-head-spacer" />
      <button type="button" class="btn btn-ghost btn-icon btn-small" aria-label={t("kb.close")} onClick={onClose}>
        <Icon name="close" size={14} />
      </button>
    </header>
  );
}
