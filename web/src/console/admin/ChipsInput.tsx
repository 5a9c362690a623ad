import { useSignal } from "@preact/signals";
import { t } from "../../common/i18n";

/** Free-text values as chips: Enter (or a comma) adds, × or Backspace on empty removes. */
export function ChipsInput({ values, onChange, placeholder, testId, invalid }: { values: readonly string[]; onChange: (next: string[]) => void; placeholder?: string; testId: string; invalid?: boolean }) {
  const text = useSignal("");

  function add() {
    const parts = text.value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    const next = [...values];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length !== values.length) onChange(next);
    text.value = "";
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.isComposing || e.keyCode === 229) return;
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add();
    } else if (e.key === "Backspace" && text.value === "" && values.length) {
      onChange(values.slice(0, -1));
    }
  }

  return (
    <div class={`chips-input${invalid ? " invalid" : ""}`} data-testid={testId}>
      {values.map((v) => (
        <span key={v} class="chip" data-testid="chip">
          {v}
          <button type="button" class="chip-remove" aria-label={t("cond.remove", { value: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
            ×
          </button>
        </span>
      ))}
      <input type="text" value={text.value} placeholder={values.length ? "" : placeholder} onInput={(e) => (text.value = e.currentTarget.value)} onKeyDown={onKeyDown} onBlur={add} data-testid={`${testId}-input`} />
    </div>
  );
}
