/**
 * 新建活动: the form of a new campaign (name, text, audience, now or a chosen local date-time), the
 * audience's live count (`POST /api/admin/campaigns/preview`, asked once the filters have settled),
 * a confirmation with that count before sending now, and each field's error at the field: the
 * protocol's own checks before sending (the server's messages), the server's `details` after.
 */
import { computed, createModel, effect, signal } from "@preact/signals";
import { parseInput, type CustomerLevel } from "../../../core/protocol";
import { CampaignAudience, CampaignCreateBody, type Campaign, type CampaignActivity, type CampaignPreview } from "../../../core/protocol/campaigns";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";

/** How long the filters must rest before the count is asked. */
export const PREVIEW_SETTLE_MS = 400;
/** The message of a missing or unreadable date-time (issue-text translates it). */
export const DATE_TIME_MISSING = "must be a date and time";

export interface CampaignDraftOptions {
  api: ApiClient;
  /** `?shop=…` or "" (campaigns.ts `query()`). */
  query: string;
  onCreated: (campaign: Campaign) => void;
}

/** A local date-time as `<input type="datetime-local">` writes it: `2026-11-24T18:30`. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** An hour from now, on a whole ten minutes: where a scheduled send starts. */
function soon(now: number): string {
  const step = 10 * 60_000;
  return localDateTime(Math.ceil((now + 3_600_000) / step) * step);
}

/** The audience's count: `counting` keeps the last one, shown faded until the new one comes. */
type Counted = { count: number; total: number; max: number };
export type PreviewState = { state: "idle" } | { state: "counting"; last: Counted | null } | ({ state: "counted" } & Counted) | { state: "failed"; error: UiError };

export const CampaignDraftModel = createModel((opts: CampaignDraftOptions) => {
  const name = signal("");
  const text = signal("");
  const activity = signal<CampaignActivity>("any");
  const withinDays = signal("30");
  const levels = signal<readonly CustomerLevel[]>([]);
  const tags = signal<readonly string[]>([]);
  const when = signal<"now" | "later">("now");
  const sendAt = signal(soon(Date.now()));
  const preview = signal<PreviewState>({ state: "idle" });
  /** Errors from the last submit, per field (the audience's own show as they are typed). */
  const fields = signal<FieldErrors>({});
  const error = signal<UiError | null>(null);
  const busy = signal(false);
  /** Sending now waits for this confirmation, with the count asked again. */
  const confirming = signal(false);

  /** The audience as the protocol reads it; a cart line counts whenever it was added, so its days are not sent. */
  const audience = computed(() =>
    parseInput(CampaignAudience, {
      activity: activity.value,
      ...(activity.value === "cart" ? {} : { withinDays: withinDays.value.trim() === "" ? Number.NaN : Number(withinDays.value) }),
      levels: levels.value,
      tags: tags.value,
    }),
  );
  const audienceFields = computed((): FieldErrors => {
    const a = audience.value;
    return a.ok ? {} : fieldErrorsOf({ code: a.code, message: a.message, details: a.issues.map((i) => ({ ...i, field: `audience.${i.field}` })) });
  });

  let generation = 0;
  async function count(): Promise<void> {
    const a = audience.peek();
    const mine = ++generation;
    if (!a.ok) {
      preview.value = { state: "idle" };
      return;
    }
    const before = preview.peek();
    preview.value = { state: "counting", last: before.state === "counted" ? { count: before.count, total: before.total, max: before.max } : before.state === "counting" ? before.last : null };
    try {
      const p = await opts.api.post<CampaignPreview>(`/admin/campaigns/preview${opts.query}`, { audience: a.value });
      if (mine === generation) preview.value = { state: "counted", count: p.count, total: p.total, max: p.max };
    } catch (err) {
      if (mine === generation) preview.value = { state: "failed", error: toUiError(err) };
    }
  }

  effect(() => {
    void audience.value;
    const timer = setTimeout(() => void count(), PREVIEW_SETTLE_MS);
    return () => clearTimeout(timer);
  });

  /** The body to send, or the fields at fault. */
  function checked(): { ok: true; body: CampaignCreateBody } | { ok: false; fields: FieldErrors; error: UiError } {
    const at = when.peek() === "later" ? new Date(sendAt.peek()).getTime() : null;
    const a = audience.peek();
    const parsed = parseInput(CampaignCreateBody, { name: name.peek(), text: text.peek(), audience: a.ok ? a.value : {}, ...(at !== null && Number.isFinite(at) ? { sendAt: at } : {}) });
    const errs: Record<string, string> = parsed.ok ? {} : { ...fieldErrorsOf({ code: parsed.code, message: parsed.message, details: parsed.issues }) };
    Object.assign(errs, audienceFields.peek());
    if (at !== null && !Number.isFinite(at)) errs.sendAt = DATE_TIME_MISSING;
    const first = Object.entries(errs)[0];
    if (!parsed.ok || first) return { ok: false, fields: errs, error: { code: "invalid_input", message: first ? `${first[0]}: ${first[1]}` : "", details: Object.entries(errs).map(([field, message]) => ({ field, message })) } };
    return { ok: true, body: parsed.value };
  }

  async function send(body: CampaignCreateBody) {
    busy.value = true;
    try {
      const { campaign } = await opts.api.post<{ campaign: Campaign }>(`/admin/campaigns${opts.query}`, body);
      [fields.value, error.value, confirming.value] = [{}, null, false];
      opts.onCreated(campaign);
    } catch (err) {
      const e = toUiError(err);
      [error.value, fields.value, confirming.value] = [e, fieldErrorsOf(e), false];
    } finally {
      busy.value = false;
    }
  }

  return {
    name,
    text,
    activity,
    withinDays,
    levels,
    tags,
    when,
    sendAt,
    preview,
    fields,
    audience,
    audienceFields,
    error,
    busy,
    confirming,
    /** A field was edited: its error from the last submit goes. */
    touched(field: string) {
      const f = fields.peek();
      if (Object.keys(f).some((k) => k === field || k.startsWith(`${field}.`))) fields.value = Object.fromEntries(Object.entries(f).filter(([k]) => k !== field && !k.startsWith(`${field}.`)));
      if (error.peek() && Object.keys(fields.peek()).length === 0) error.value = null;
    },
    /** 发送 / 定时发送: checks the form; sending now asks for a confirmation (with a fresh count) first. */
    async submit() {
      const c = checked();
      if (!c.ok) {
        [fields.value, error.value] = [c.fields, c.error];
        return;
      }
      [fields.value, error.value] = [{}, null];
      if (when.peek() === "later") return send(c.body);
      confirming.value = true;
      await count();
    },
    /** 确认发送 in the confirmation. */
    async confirm() {
      const c = checked();
      if (c.ok) await send(c.body);
      else [fields.value, error.value, confirming.value] = [c.fields, c.error, false];
    },
    cancelConfirm() {
      confirming.value = false;
    },
  };
});
export type CampaignDraftModel = InstanceType<typeof CampaignDraftModel>;
