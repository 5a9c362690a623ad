/**
 * 快捷回复: the shop's canned replies (written by its admins) and each agent's own, with the
 * `/shortcut` that inserts them in the composer. Loads when its page is first shown and again
 * when the shop changes.
 */
import { computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import { parseInput } from "../../../core/protocol";
import { CannedInput } from "../../../core/protocol/knowledge";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { CannedReply } from "../common/kb-types";
import type { UiError } from "./conversation-state";

export interface CannedForm {
  /** null: a new reply. */
  id: string | null;
  scope: "shop" | "personal";
  shortcut: string;
  title: string;
  text: string;
}

export interface CannedOptions {
  api: ApiClient;
  shopId: ReadonlySignal<string>;
  /** Admins write shop-level replies; everyone keeps personal ones. */
  isAdmin: boolean;
  active: ReadonlySignal<boolean>;
}

export const CannedModel = createModel((opts: CannedOptions) => {
  const replies = signal<readonly CannedReply[]>([]);
  const loaded = signal(false);
  const error = signal<UiError | null>(null);
  const form = signal<CannedForm | null>(null);
  const busy = signal(false);
  const formError = signal<UiError | null>(null);
  const fields = signal<FieldErrors>({});
  const shopReplies = computed(() => replies.value.filter((r) => r.scope === "shop"));
  const mine = computed(() => replies.value.filter((r) => r.scope === "personal"));
  const q = () => `?shop=${encodeURIComponent(opts.shopId.peek())}`;
  let loadedFor: string | null = null;

  async function load() {
    try {
      const res = await opts.api.get<{ cannedReplies: CannedReply[] }>(`/canned-replies${q()}`);
      [replies.value, error.value] = [res.cannedReplies, null];
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      loaded.value = true;
    }
  }

  function fail(e: UiError) {
    [formError.value, fields.value] = [e, fieldErrorsOf(e)];
  }

  effect(() => {
    const s = opts.shopId.value;
    if (!opts.active.value || loadedFor === s) return;
    loadedFor = s;
    form.value = null;
    void load();
  });

  return {
    replies, shopReplies, mine, loaded, error, form, busy, formError, fields,
    startNew(scope: "shop" | "personal") {
      [form.value, formError.value, fields.value] = [{ id: null, scope, shortcut: "", title: "", text: "" }, null, {}];
    },
    startEdit(r: CannedReply) {
      [form.value, formError.value, fields.value] = [{ id: r.id, scope: r.scope, shortcut: r.shortcut, title: r.title, text: r.text }, null, {}];
    },
    editForm(patch: Partial<CannedForm>) {
      if (form.value) form.value = { ...form.value, ...patch };
    },
    close() {
      form.value = null;
    },
    async save() {
      const f = form.value;
      if (!f) return;
      const body = parseInput(CannedInput, { scope: f.scope, shortcut: f.shortcut, title: f.title, text: f.text });
      if (!body.ok) return fail({ code: body.code, message: body.message, details: body.issues });
      busy.value = true;
      try {
        const { scope, ...change } = body.value;
        if (f.id) await opts.api.patch(`/canned-replies/${encodeURIComponent(f.id)}${q()}`, change);
        else await opts.api.post(`/canned-replies${q()}`, { scope, ...change });
        form.value = null;
        await load();
      } catch (err) {
        fail(toUiError(err));
      } finally {
        busy.value = false;
      }
    },
    async remove(r: CannedReply) {
      try {
        await opts.api.del(`/canned-replies/${encodeURIComponent(r.id)}${q()}`);
        if (form.value?.id === r.id) form.value = null;
        await load();
      } catch (err) {
        error.value = toUiError(err);
      }
    },
    /** Whether this staff member may change a reply. */
    canEdit: (r: CannedReply) => r.scope === "personal" || opts.isAdmin,
    canWriteShop: () => opts.isAdmin,
  };
});
export type CannedModel = InstanceType<typeof CannedModel>;
