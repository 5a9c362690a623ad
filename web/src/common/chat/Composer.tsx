import { useSignal } from "@preact/signals";
import { LIMITS } from "../../../../core/protocol";
import { t } from "../i18n";
import { Icon } from "../ui/Icon";
import { useChat } from "./context";

const IMAGE_ACCEPT = LIMITS.imageTypes.join(",");

/** Text (Enter sends, Shift+Enter breaks the line) and images. */
export function Composer() {
  const { conversation: c } = useChat();
  const draft = useSignal("");
  const length = draft.value.trim().length;
  const tooLong = length > LIMITS.textMaxChars;

  function submit() {
    if (!tooLong && c.sendText(draft.value)) draft.value = "";
  }

  function onKeyDown(e: KeyboardEvent) {
    // While an IME is composing (拼音), Enter picks a candidate; it must not send.
    if (e.key !== "Enter" || e.shiftKey || e.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    submit();
  }

  function onFile(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (file) void c.sendImage(file);
  }

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        class="composer-input"
        data-testid="composer-input"
        aria-label={t("composer.label")}
        placeholder={t("composer.placeholder")}
        rows={3}
        value={draft.value}
        onInput={(e) => {
          draft.value = e.currentTarget.value;
          c.typing();
        }}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        <label class="btn btn-ghost btn-icon" title={t("composer.image")}>
          <input type="file" class="visually-hidden" accept={IMAGE_ACCEPT} data-testid="image-input" aria-label={t("composer.image")} onChange={onFile} />
          <Icon name="image" />
        </label>
        <span class={`char-count${tooLong ? " over" : ""}`} aria-live="polite">
          {tooLong ? t("errors.text_length", { max: LIMITS.textMaxChars }) : `${length} / ${LIMITS.textMaxChars}`}
        </span>
        <button type="submit" class="btn btn-primary" data-testid="send-button" disabled={length === 0 || tooLong}>
          <Icon name="send" size={16} />
          {t("composer.send")}
        </button>
      </div>
    </form>
  );
}
