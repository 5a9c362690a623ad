/**
 * The routing rule editor of one shop: the ordered list as a draft (move, enable, add, delete,
 * edit), saved whole with PUT; the server's per-field errors are mapped back to each rule.
 */
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import type { ApiClient } from "../common/api";
import { issuesOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import { mapIssues, moved, newRuleId, ordered, withPositions, type Rule } from "./rule-draft";

export interface RulesOptions {
  api: ApiClient;
  shopId: ReadonlySignal<string>;
  /** The group a new rule starts with. */
  firstGroup: () => string;
  /** The name a new rule starts with (in the UI language). */
  newName: () => string;
}

export const RulesModel = createModel((opts: RulesOptions) => {
  const rules = signal<readonly Rule[]>([]);
  const saved = signal("[]");
  const selectedId = signal<string | null>(null);
  const loading = signal(false);
  const saving = signal(false);
  const justSaved = signal(false);
  const error = signal<UiError | null>(null);
  const ruleErrors = signal<Readonly<Record<string, FieldErrors>>>({});
  const generalErrors = signal<readonly string[]>([]);
  const dirty = computed(() => JSON.stringify(rules.value) !== saved.value);
  const selected = computed(() => rules.value.find((r) => r.id === selectedId.value) ?? null);
  const q = () => `?shop=${encodeURIComponent(opts.shopId.peek())}`;

  function adopt(list: readonly Rule[]) {
    const next = ordered(list);
    rules.value = next;
    saved.value = JSON.stringify(next);
    if (!next.some((r) => r.id === selectedId.peek())) selectedId.value = next[0]?.id ?? null;
  }

  function edit(next: readonly Rule[]) {
    rules.value = next;
    justSaved.value = false;
  }

  function clearErrors() {
    error.value = null;
    ruleErrors.value = {};
    generalErrors.value = [];
  }

  return {
    rules,
    selectedId,
    selected,
    loading,
    saving,
    justSaved,
    dirty,
    error,
    ruleErrors,
    generalErrors,
    async load() {
      loading.value = true;
      clearErrors();
      try {
        adopt((await opts.api.get<{ rules: Rule[] }>(`/admin/rules${q()}`)).rules);
      } catch (err) {
        error.value = toUiError(err);
      } finally {
        loading.value = false;
      }
    },
    select(id: string) {
      selectedId.value = id;
    },
    move(id: string, delta: -1 | 1) {
      edit(moved(rules.value, id, delta));
    },
    update(id: string, change: (r: Rule) => Rule) {
      edit(rules.value.map((r) => (r.id === id ? change(r) : r)));
    },
    /** A new rule just above the default one, selected for editing. */
    add() {
      const rule: Rule = {
        id: newRuleId(opts.shopId.peek()), name: opts.newName(), enabled: true, position: 0, isDefault: false, conditions: {},
        actions: { groupKey: opts.firstGroup(), priority: 0, seniorOnly: false, skipBot: false },
      };
      const at = rules.value.findIndex((r) => r.isDefault);
      const next = [...rules.value];
      next.splice(at < 0 ? next.length : at, 0, rule);
      edit(next);
      selectedId.value = rule.id;
    },
    remove(id: string) {
      if (rules.value.find((r) => r.id === id)?.isDefault) return;
      edit(rules.value.filter((r) => r.id !== id));
      if (selectedId.value === id) selectedId.value = rules.value[0]?.id ?? null;
    },
    /** The draft as the server should see it: positions from the on-screen order. */
    draft: () => withPositions(rules.value),
    reset() {
      rules.value = JSON.parse(saved.value) as Rule[];
      clearErrors();
    },
    async save() {
      const sent = withPositions(rules.value);
      saving.value = true;
      clearErrors();
      try {
        adopt((await opts.api.put<{ rules: Rule[] }>(`/admin/rules${q()}`, { rules: sent })).rules);
        justSaved.value = true;
      } catch (err) {
        const e = toUiError(err);
        const mapped = mapIssues(sent, issuesOf(e));
        error.value = e;
        ruleErrors.value = mapped.byRule;
        generalErrors.value = mapped.general;
      } finally {
        saving.value = false;
      }
    },
  };
});
export type RulesModel = InstanceType<typeof RulesModel>;
