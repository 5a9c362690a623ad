/** A multi-select as toggle chips: every option visible, the chosen ones highlighted. */
export function ToggleChips({ options, values, onChange, testId }: { options: readonly { value: string; label: string }[]; values: readonly string[]; onChange: (next: string[]) => void; testId: string }) {
  return (
    <div class="chip-toggles" role="group" data-testid={testId}>
      {options.map((o) => {
        const on = values.includes(o.value);
        return (
          <button
            key={o.value}
            type="button"
            class={`chip-toggle${on ? " on" : ""}`}
            aria-pressed={on}
            data-value={o.value}
            onClick={() => onChange(on ? values.filter((v) => v !== o.value) : [...values, o.value])}
          >
            {o.label}
          </button>
        );
      })}
    </div>
  );
}
