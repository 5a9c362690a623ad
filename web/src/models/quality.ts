/**
 * 质检 (quality review). Admins: the finished consultations of a shop (platform admins: every shop
 * or one), filtered by sign, agent, review status and period, a page at a time; one of them open
 * with its transcript and the score form. Agents: the reviews of their own consultations.
 */
import { batch, computed, createModel, effect, signal, type ReadonlySignal } from "@preact/signals";
import { PLATFORM_SHOP_ID, type ChatMessage } from "../../../core/protocol";
import { QUALITY_CRITERIA, qualityTotal, type QualityCriterion, type QualityFlag, type QualityScores } from "../../../core/domain/quality";
import type { MyQualityReview, QualityList, QualityReview, QualitySessionRow } from "../../../core/protocol/quality";
import type { ApiClient } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";
import type { DirectoryLoader } from "./ticket-directory";

export type QualityFlagFilter = "" | QualityFlag | "flagged";
export type ReviewedFilter = "all" | "no" | "yes" | "appealed";
export const QUALITY_DAY_CHOICES = [1, 7, 30] as const;

export interface QualityDetail {
  session: QualitySessionRow;
  transcript: ChatMessage[];
  truncated: boolean;
  review: QualityReview | null;
}


const PAGE = 50;
const APPEALS_POLL_MS = 60_000;
const blankScores = (): Partial<QualityScores> => ({});

export const QualityModel = createModel((opts: { api: ApiClient; staff: StaffProfile; isAdmin: boolean; active: ReadonlySignal<boolean>; shops: ReadonlySignal<ShopInfo[]>; directory: DirectoryLoader }) => {
  const { api } = opts;
  const canPickShop = opts.staff.shopId === PLATFORM_SHOP_ID;
  // Platform admins start on every shop at once ("").
  const shopId = signal(canPickShop ? "" : opts.staff.shopId);
  const days = signal<number>(7);
  const flag = signal<QualityFlagFilter>("flagged");
  const reviewed = signal<ReviewedFilter>("no");
  const agentId = signal("");
  const rows = signal<QualitySessionRow[]>([]);
  const summary = signal<QualityList["agents"]>([]);
  const nextBefore = signal<number | null>(null);
  const loaded = signal(false);
  const loadingMore = signal(false);
  const error = signal<UiError | null>(null);
  const agents = signal<{ id: string; name: string }[]>([]);
  /** Admins: appeals waiting for a second review (申诉中), for the nav badge. */
  const openAppeals = signal(0);

  const selectedId = signal<string | null>(null);
  const detail = signal<QualityDetail | null>(null);
  const detailError = signal<UiError | null>(null);
  const scores = signal<Partial<QualityScores>>(blankScores());
  const comment = signal("");
  const saving = signal(false);
  const saveError = signal<UiError | null>(null);
  const savedAt = signal<number | null>(null);
  /** The total the form would give, once every criterion has a score. */
  const draftTotal = computed(() => (QUALITY_CRITERIA.every((k) => scores.value[k] !== undefined) ? qualityTotal(scores.value as QualityScores) : null));
  const ownSession = computed(() => detail.value?.session.agentId === opts.staff.id);

  const mine = signal<MyQualityReview[]>([]);
  /** 申诉: the review whose appeal form is open, its text, and how sending it went. */
  const appealing = signal<string | null>(null);
  const appealText = signal("");
  const appealBusy = signal(false);
  const appealError = signal<UiError | null>(null);

  function query(before: number | null, limit = PAGE): string {
    const p = new URLSearchParams({ days: String(days.peek()), reviewed: reviewed.peek(), limit: String(limit) });
    if (shopId.peek()) p.set("shop", shopId.peek());
    if (flag.peek()) p.set("flag", flag.peek());
    if (agentId.peek()) p.set("agent", agentId.peek());
    if (before !== null) p.set("before", String(before));
    return p.toString();
  }

  let run = 0;
  async function refresh() {
    const mineRun = ++run;
    try {
      if (!opts.isAdmin) {
        const res = await api.get<{ reviews: MyQualityReview[] }>("/quality/mine");
        if (mineRun === run) mine.value = res.reviews;
      } else {
        const res = await api.get<QualityList>(`/admin/quality/sessions?${query(null)}`);
        if (mineRun !== run) return;
        batch(() => {
          rows.value = res.sessions;
          summary.value = res.agents;
          nextBefore.value = res.nextBefore;
          openAppeals.value = res.openAppeals;
        });
      }
      error.value = null;
    } catch (err) {
      if (mineRun === run) error.value = toUiError(err);
    } finally {
      if (mineRun === run) loaded.value = true;
    }
  }

  async function loadMore() {
    const before = nextBefore.peek();
    if (before === null || loadingMore.peek()) return;
    loadingMore.value = true;
    const at = run;
    try {
      const res = await api.get<QualityList>(`/admin/quality/sessions?${query(before)}`);
      if (at !== run) return;
      const seen = new Set(rows.peek().map((r) => r.sessionId));
      rows.value = [...rows.peek(), ...res.sessions.filter((r) => !seen.has(r.sessionId))];
      nextBefore.value = res.nextBefore;
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      loadingMore.value = false;
    }
  }

  // Reload when the page shows or a filter changes.
  effect(() => {
    void [shopId.value, days.value, flag.value, reviewed.value, agentId.value];
    if (!opts.active.value) return;
    loaded.value = false;
    void refresh();
  });

  // The nav badge: open appeals, asked now and then while the page is elsewhere.
  effect(() => {
    if (!opts.isAdmin || opts.active.value) return;
    const shop = canPickShop ? "" : `&shop=${encodeURIComponent(opts.staff.shopId)}`;
    const ask = () =>
      void api.get<QualityList>(`/admin/quality/sessions?days=1&limit=1&reviewed=appealed${shop}`).then(
        (r) => (openAppeals.value = r.openAppeals),
        () => undefined,
      );
    ask();
    const timer = setInterval(ask, APPEALS_POLL_MS);
    return () => clearInterval(timer);
  });

  // The shop's agents for the filter (none to pick from across every shop).
  effect(() => {
    const shop = shopId.value;
    if (!opts.isAdmin || !opts.active.value || !shop) {
      agents.value = [];
      return;
    }
    let live = true;
    opts.directory(shop).then(
      (d) => live && (agents.value = d.agents),
      () => live && (agents.value = []),
    );
    return () => (live = false);
  });

  function fillForm(review: QualityReview | null) {
    scores.value = review ? { ...review.scores } : blankScores();
    comment.value = review?.comment ?? "";
  }

  async function open(sessionId: string) {
    batch(() => {
      selectedId.value = sessionId;
      detail.value = null;
      detailError.value = null;
      saveError.value = null;
      savedAt.value = null;
      fillForm(null);
    });
    try {
      const d = await api.get<QualityDetail>(`/admin/quality/sessions/${encodeURIComponent(sessionId)}`);
      if (selectedId.peek() !== sessionId) return;
      batch(() => {
        detail.value = d;
        fillForm(d.review);
      });
    } catch (err) {
      if (selectedId.peek() === sessionId) detailError.value = toUiError(err);
    }
  }

  async function save() {
    const d = detail.peek();
    if (!d || saving.peek() || draftTotal.peek() === null) return;
    saving.value = true;
    saveError.value = null;
    try {
      const review = await api.put<QualityReview>(`/admin/quality/sessions/${encodeURIComponent(d.session.sessionId)}/review`, { scores: scores.peek(), comment: comment.peek() });
      batch(() => {
        detail.value = { ...d, review };
        fillForm(review);
        savedAt.value = Date.now();
        const row = { total: review.total, grade: review.grade, reviewerName: review.reviewerName, updatedAt: review.updatedAt, appealStatus: review.appeal?.status ?? null };
        rows.value = rows.peek().map((r) => (r.sessionId === review.sessionId ? { ...r, review: row } : r));
      });
      // The agents' summary counts it.
      void refreshSummary();
    } catch (err) {
      saveError.value = toUiError(err);
    } finally {
      saving.value = false;
    }
  }

  async function refreshSummary() {
    try {
      const res = await api.get<QualityList>(`/admin/quality/sessions?${query(null, 1)}`);
      summary.value = res.agents;
      openAppeals.value = res.openAppeals;
    } catch {
      // The list's own refresh will say what went wrong.
    }
  }

  return {
    isAdmin: computed(() => opts.isAdmin),
    canPickShop: computed(() => canPickShop),
    shops: opts.shops,
    shopId, days, flag, reviewed, agentId, agents,
    rows, summary, nextBefore, loaded, loadingMore, error, openAppeals,
    selectedId, detail, detailError, scores, comment, saving, saveError, savedAt, draftTotal, ownSession,
    mine, appealing, appealText, appealBusy, appealError,
    refresh, loadMore, open, save,
    startAppeal(sessionId: string | null) {
      batch(() => {
        appealing.value = sessionId;
        appealText.value = "";
        appealError.value = null;
      });
    },
    async sendAppeal() {
      const sessionId = appealing.peek();
      if (!sessionId || appealBusy.peek()) return;
      appealBusy.value = true;
      appealError.value = null;
      try {
        const updated = await api.post<MyQualityReview>(`/quality/mine/${encodeURIComponent(sessionId)}/appeal`, { reason: appealText.peek() });
        batch(() => {
          mine.value = mine.peek().map((r) => (r.sessionId === sessionId ? updated : r));
          appealing.value = null;
        });
      } catch (err) {
        appealError.value = toUiError(err);
      } finally {
        appealBusy.value = false;
      }
    },
    setScore(k: QualityCriterion, n: number) {
      scores.value = { ...scores.peek(), [k]: n };
      savedAt.value = null;
    },
    setShop(next: string) {
      batch(() => {
        shopId.value = next;
        agentId.value = "";
      });
    },
  };
});
export type QualityModel = InstanceType<typeof QualityModel>;
