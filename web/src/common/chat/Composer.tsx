import { useSignal } from "@preact/signals";
import { useRef } from "preact/hooks";
import { LIMITS } from "../../../../core/protocol";
import { t } from "../i18n";
import { Icon } from "../ui/Icon";
import { useChat } from "./context";

const IMAGE_ACCEPT = LIMITS.imageTypes.join(",");

/**
 * Text (Enter sends, Shift+Enter breaks the line) and images. Staff also get 备注: a toggle that
 * turns the composer into an internal-note writer (never shown to the shopper), and, when the
 * screen provides one, an assistant that suggests replies while they type.
 */
export function Composer() {
  const { conversation: c, perspective, assist: helper } = useChat();
  const draft = useSignal("");
  const noteMode = useSignal(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const note = perspective === "agent" && noteMode.value;
  const assist = note ? undefined : helper;
  const length = draft.value.trim().length;
  const tooLong = length > LIMITS.textMaxChars;

  function setDraft(text: string) {
    draft.value = text;
    assist?.draft(text);
  }

  function insert(text: string) {
    setDraft(text);
    input.current?.focus();
  }

  function submit() {
    if (tooLong) return;
    if (note ? c.sendNote(draft.value) : c.sendText(draft.value)) setDraft("");
  }

  function onKeyDown(e: KeyboardEvent) {
    // While an IME is composing (拼音), Enter picks a candidate; it must not send.
    if (e.isComposing || e.keyCode === 229) return;
    const taken = assist?.key(e) ?? false;
    if (taken !== false) {
      e.preventDefault();
      if (typeof taken === "string") insert(taken);
      return;
    }
    if (e.key !== "Enter" || e.shiftKey) return;
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
      class={`composer${note ? " composer-note" : ""}`}
      data-mode={note ? "note" : "message"}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {assist && <assist.View insert={insert} />}
      <textarea
        ref={input}
        class="composer-input"
        data-testid="composer-input"
        aria-label={t(note ? "note.toggleLabel" : "composer.label")}
        placeholder={t(note ? "note.placeholder" : "composer.placeholder")}
        rows={3}
        value={draft.value}
        onInput={(e) => {
          setDraft(e.currentTarget.value);
          if (!note) c.typing();
        }}
        onKeyDown={onKeyDown}
      />
      <div class="composer-bar">
        {!note && (
          <label class="btn btn-ghost btn-icon" title={t("composer.image")}>
            <input type="file" class="visually-hidden" accept={IMAGE_ACCEPT} data-testid="image-input" aria-label={t("composer.image")} onChange={onFile} />
            <Icon name="image" />
          </label>
        )}
        {perspective === "agent" && (
          <button type="button" class={`btn btn-small note-toggle${note ? " on" : ""}`} data-testid="note-toggle" aria-pressed={note} title={t("note.toggleLabel")} onClick={() => (noteMode.value = !noteMode.value)}>
            {t("note.toggle")}
            {note && <span class="note-toggle-hint">{t("msg.staffOnly")}</span>}
          </button>
        )}
        <span class={`char-count${tooLong ? " over" : ""}`} aria-live="polite">
          {tooLong ? t("errors.text_length", { max: LIMITS.textMaxChars }) : `${length} / ${LIMITS.textMaxChars}`}
        </span>
        <button type="submit" class="btn btn-primary" data-testid="send-button" disabled={length === 0 || tooLong}>
          <Icon name="send" size={16} />
          {t(note ? "note.send" : "composer.send")}
        </button>
      </div>
    </form>
  );
}
