import type { ComposerAssist } from "../../common/chat/context";
import { t } from "../../common/i18n";
import { Icon } from "../../common/ui/Icon";
import type { AssistItem, AssistModel } from "../../models/assist";

function kindLabel(item: AssistItem): string {
  if (item.kind === "article") return t(item.scope === "platform" ? "assist.platformArticle" : "assist.article");
  return t(item.scope === "shop" ? "assist.shopReply" : "assist.myReply");
}

/** The suggestions above the composer: click (or arrows + Enter/Tab) puts one in the draft. */
export function AssistList({ model, insert }: { model: AssistModel; insert: (text: string) => void }) {
  if (!model.open.value) return null;
  const shortcut = model.shortcutMode.value;
  // In a normal draft Enter sends: mark an item only once the agent moves into the list.
  const active = shortcut || model.navigated.value ? model.active.value : -1;
  return (
    <div class="assist" data-testid="assist-list" data-mode={shortcut ? "shortcut" : "draft"}>
      <div class="assist-head">
        <strong>{t(shortcut ? "assist.shortcuts" : "assist.title")}</strong>
        <span class="muted">{t(shortcut ? "assist.keysShortcut" : "assist.keys")}</span>
        <button type="button" class="btn btn-ghost btn-icon btn-small" aria-label={t("assist.close")} onClick={() => model.hide()}>
          <Icon name="close" size={14} />
        </button>
      </div>
      <ul class="assist-items" role="listbox" aria-label={t("assist.title")}>
        {model.items.value.map((item, i) => (
          <li key={`${item.kind}:${item.id}`} role="option" aria-selected={i === active}>
            <button
              type="button"
              class={`assist-item${i === active ? " active" : ""}`}
              data-testid="assist-item"
              data-kind={item.kind}
              data-id={item.id}
              // Keep the focus in the composer.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => {
                const text = model.pick(i);
                if (text) insert(text);
              }}
            >
              <span class="assist-item-top">
                <span class={`badge assist-kind-${item.kind}`}>{kindLabel(item)}</span>
                {item.shortcut && <span class="mono">/{item.shortcut}</span>}
                <span class="assist-title">{item.title}</span>
              </span>
              <span class="assist-text">{item.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The composer's side of agent assist: the draft goes to the model, and while the list is open
 * ↑/↓ move, Esc closes, and Enter or Tab insert (right away for a `/shortcut`; in a normal draft
 * once the agent has moved into the list, so a plain Enter still sends).
 */
export function composerAssist(model: AssistModel): ComposerAssist {
  return {
    draft: (text) => model.setDraft(text),
    key(e) {
      if (!model.open.peek()) return false;
      const shortcut = model.shortcutMode.peek();
      const arrows = shortcut || !model.draft.peek().includes("\n");
      if (e.key === "ArrowDown" && arrows) return (model.move(1), true);
      if (e.key === "ArrowUp" && arrows) return (model.move(-1), true);
      if (e.key === "Escape") return (model.hide(), true);
      if ((e.key === "Enter" || e.key === "Tab") && !e.shiftKey && (shortcut || model.navigated.peek())) return model.pick() ?? false;
      return false;
    },
    View: ({ insert }) => <AssistList model={model} insert={insert} />,
  };
}
