/**
 * The rule tester (规则测试): a sample message and customer run through the rules being edited
 * (or the saved ones), answered with the group, priority, matched rule, detected intent and
 * the per-rule trace the router produced.
 */
import { createModel, signal, type ReadonlySignal } from "@preact/signals";
import type { RoutingDecision } from "../../../core/domain/routing/route";
import type { Channel, CustomerLevel, Entry } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import type { Rule } from "./rule-draft";

export interface TesterForm {
  text: string;
  level: CustomerLevel;
  channel: Channel;
  /** "" for no entry. */
  entryType: Entry["type"] | "";
  entryId: string;
  /** Test the rules as edited (unsaved) rather than the stored ones. */
  useDraft: boolean;
}

export interface TesterOptions {
  api: ApiClient;
  shopId: ReadonlySignal<string>;
  draft: () => Rule[];
}

export const RuleTesterModel = createModel((opts: TesterOptions) => {
  const form = signal<TesterForm>({ text: "", level: "normal", channel: "h5", entryType: "", entryId: "", useDraft: true });
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  const result = signal<RoutingDecision | null>(null);

  return {
    form,
    busy,
    error,
    result,
    edit(patch: Partial<TesterForm>) {
      form.value = { ...form.value, ...patch };
    },
    clear() {
      result.value = null;
      error.value = null;
    },
    async run() {
      const f = form.value;
      busy.value = true;
      error.value = null;
      try {
        const body = {
          text: f.text,
          level: f.level,
          channel: f.channel,
          ...(f.entryType ? { entryType: f.entryType, ...(f.entryId.trim() ? { entryId: f.entryId.trim() } : {}) } : {}),
          ...(f.useDraft ? { rules: opts.draft() } : {}),
        };
        const res = await opts.api.post<{ decision: RoutingDecision }>(`/admin/rules/test?shop=${encodeURIComponent(opts.shopId.peek())}`, body);
        result.value = res.decision;
      } catch (err) {
        result.value = null;
        error.value = toUiError(err);
      } finally {
        busy.value = false;
      }
    },
  };
});
export type RuleTesterModel = InstanceType<typeof RuleTesterModel>;
