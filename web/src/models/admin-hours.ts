/**
 * The shop's service hours (服务时间) for the admin page: the stored hours, a draft edited per
 * weekday, and a PUT per save with the field errors (the local schema's, else the server's).
 */
import { computed, createModel, signal, type ReadonlySignal } from "@preact/signals";
import { BusinessHoursPut, parseInput } from "../../../core/protocol";
import { WEEKDAYS, type BusinessHours, type Weekday } from "../../../core/domain/routing";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";

/** An interval as typed: two texts, kept as typed until saved. */
export type IntervalDraft = readonly [from: string, to: string];
export interface HoursDraft {
  timeZone: string;
  weekly: Readonly<Record<Weekday, readonly IntervalDraft[]>>;
}

interface HoursAnswer {
  hours: BusinessHours;
  openNow: boolean;
  serviceEmail: string | null;
}

/** A week of intervals, each day's from `f`. */
function perDay(f: (day: Weekday) => readonly IntervalDraft[]): HoursDraft["weekly"] {
  const week = {} as Record<Weekday, readonly IntervalDraft[]>;
  for (const day of WEEKDAYS) week[day] = f(day);
  return week;
}

function draftOf(h: BusinessHours): HoursDraft {
  return { timeZone: h.timeZone, weekly: perDay((d) => (h.weekly[d] ?? []).map(([a, b]): IntervalDraft => [a, b])) };
}

/** What a new interval on an empty day starts as: the usual desk hours. */
const NEW_INTERVAL: IntervalDraft = ["09:00", "18:00"];

export const HoursModel = createModel((api: ApiClient, shopId: ReadonlySignal<string>) => {
  const stored = signal<HoursDraft | null>(null);
  const draft = signal<HoursDraft | null>(null);
  const openNow = signal<boolean | null>(null);
  /** The shop's mailbox on the e-mail door (mail is taken in around the clock), or null. */
  const serviceEmail = signal<string | null>(null);
  const loadError = signal<UiError | null>(null);
  const error = signal<UiError | null>(null);
  const fields = computed<FieldErrors>(() => fieldErrorsOf(error.value));
  const saving = signal(false);
  const justSaved = signal(false);
  const dirty = computed(() => draft.value !== null && JSON.stringify(draft.value) !== JSON.stringify(stored.value));
  const q = () => `?shop=${encodeURIComponent(shopId.peek())}`;

  function adopt(a: HoursAnswer) {
    stored.value = draftOf(a.hours);
    draft.value = stored.value;
    openNow.value = a.openNow;
    serviceEmail.value = a.serviceEmail;
  }

  function setDay(day: Weekday, intervals: readonly IntervalDraft[]) {
    const d = draft.value;
    if (!d) return;
    draft.value = { ...d, weekly: { ...d.weekly, [day]: intervals } };
    justSaved.value = false;
  }

  return {
    draft,
    openNow,
    serviceEmail,
    loadError,
    error,
    fields,
    saving,
    justSaved,
    dirty,
    async load() {
      loadError.value = null;
      error.value = null;
      try {
        adopt(await api.get<HoursAnswer>(`/admin/business-hours${q()}`));
      } catch (err) {
        loadError.value = toUiError(err);
      }
    },
    setTimeZone(timeZone: string) {
      if (draft.value) draft.value = { ...draft.value, timeZone };
      justSaved.value = false;
    },
    /** A day's next interval starts where its last one ends (a split shift's evening half). */
    addInterval(day: Weekday) {
      const list = draft.value?.weekly[day] ?? [];
      const last = list.at(-1);
      const next: IntervalDraft = last ? [last[1], "24:00"] : NEW_INTERVAL;
      setDay(day, [...list, next]);
    },
    removeInterval(day: Weekday, index: number) {
      setDay(day, (draft.value?.weekly[day] ?? []).filter((_, i) => i !== index));
    },
    editInterval(day: Weekday, index: number, end: 0 | 1, value: string) {
      setDay(day, (draft.value?.weekly[day] ?? []).map((iv, i): IntervalDraft => (i !== index ? iv : end === 0 ? [value, iv[1]] : [iv[0], value])));
    },
    /** Gives every day the intervals of `day` (a desk with the same hours all week). */
    copyToAll(day: Weekday) {
      const d = draft.value;
      if (!d) return;
      draft.value = { ...d, weekly: perDay(() => d.weekly[day]) };
      justSaved.value = false;
    },
    reset() {
      draft.value = stored.value;
      error.value = null;
    },
    async save() {
      const d = draft.value;
      if (!d) return;
      justSaved.value = false;
      const parsed = parseInput(BusinessHoursPut, { hours: { timeZone: d.timeZone.trim(), weekly: d.weekly } });
      if (!parsed.ok) {
        error.value = { code: parsed.code, message: parsed.message, details: parsed.issues };
        return;
      }
      saving.value = true;
      try {
        adopt(await api.put<HoursAnswer>(`/admin/business-hours${q()}`, parsed.value));
        error.value = null;
        justSaved.value = true;
      } catch (err) {
        error.value = toUiError(err);
      } finally {
        saving.value = false;
      }
    },
  };
});
export type HoursModel = InstanceType<typeof HoursModel>;
