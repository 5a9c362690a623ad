/**
 * The agent's workspace after login: the views (会话 / 排队 / 管理 / 留言, kept in the URL
 * hash), the thread list, the open conversation (replaced on every switch), the shop's queue
 * socket with new-assignment notifications, and the admin, leave-message, 工单 (ticket, with the
 * nav badge of my active tickets) and 主动服务 (proactive service) pages.
 */
import { computed, createModel, effect, signal, untracked } from "@preact/signals";
import { PLATFORM_SHOP_ID, parseThreadId, type Entry } from "../../../core/protocol";
import { createApi } from "../common/api";
import type { ShopInfo, StaffProfile } from "../common/api-types";
import { deviceName } from "../common/device-name";
import { t } from "../common/i18n";
import { AdminModel } from "./admin";
import { CannedModel } from "./canned";
import { ConversationModel } from "./conversation";
import { FileCacheModel } from "./files";
import { LeaveMessagesModel } from "./leave-messages";
import { AnalyticsModel } from "./analytics";
import { ProactiveModel } from "./proactive";
import { TicketBadgeModel } from "./ticket-badge";
import { createDirectoryLoader } from "./ticket-directory";
import { TicketsModel } from "./tickets";
import { TwoFactorModel } from "./two-factor";
import { PasswordModel } from "./password";
import { SessionsModel } from "./sessions";
import { NotifierModel } from "./notifier";
import { QueueModel } from "./queue";
import { ThreadToolsModel } from "./thread-tools";
import { hashOf, parseHash, type View } from "./route";
import { QualityModel } from "./quality";
import { ThreadListModel } from "./threads";
import { ToastModel } from "./toasts";

export interface WorkspaceOptions {
  token: string;
  staff: StaffProfile;
  /** A call answered 401: the staff session is over. */
  onUnauthorized: () => void;
  /** A call was refused until two-factor login is set up (the shop requires it now). */
  onSetupRequired: () => void;
  /** The staff member ended this very session from 登录设备: log out as the logout button does. */
  onLoggedOut: () => void;
}

export const WorkspaceModel = createModel((opts: WorkspaceOptions) => {
  const api = createApi({ token: () => opts.token, onUnauthorized: opts.onUnauthorized, onSetupRequired: opts.onSetupRequired });
  const own = opts.staff.shopId;
  const isAdmin = opts.staff.role === "shop_admin" || opts.staff.role === "platform_admin";
  const isPlatformAdmin = opts.staff.role === "platform_admin";
  const start = parseHash(location.hash);
  /** 管理 and 主动服务 are for admins; agents keep their canned replies on a page of their own. */
  const allowed = (v: View): View => ((v === "admin" || v === "proactive") && !isAdmin ? "chats" : v === "replies" && isAdmin ? "admin" : v);
  const view = signal<View>(allowed(start.view));
  const selectedId = signal<string | null>(start.threadId ?? null);
  const threads = new ThreadListModel(api);
  const files = new FileCacheModel(api);
  const toasts = new ToastModel();
  const notifier = new NotifierModel(toasts);
  const conversation = signal<ConversationModel | null>(null);
  /** The open chat's context panel, agent assist and 存为知识. */
  const tools = signal<ThreadToolsModel | null>(null);
  // A thread opened from a search may be older than the list's newest 100.
  const selected = computed(() => [...threads.items.value, ...threads.recentFound.value].find((r) => r.threadId === selectedId.value) ?? null);
  const listEntry = computed((): Entry | null => {
    const s = selected.value?.session;
    return s?.entryType ? ({ type: s.entryType, ...(s.entryId ? { id: s.entryId } : {}) } as Entry) : null;
  });
  /** The open thread's session as its room reports it, fresher than the polled list. */
  const liveStatus = computed(() => conversation.value?.session.value?.status ?? null);
  /** Shops a platform staff member may look at (pickers); empty for shop staff. */
  const shops = signal<ShopInfo[]>([]);

  function select(threadId: string) {
    selectedId.value = threadId;
    view.value = "chats";
    location.hash = hashOf("chats", threadId);
  }
  /** A past consultation to bring into view once its thread's chat has its first messages (质检 → 在会话中打开). */
  const reveal = signal<{ threadId: string; sessionId: string } | null>(null);
  function openSession(threadId: string, sessionId: string) {
    reveal.value = { threadId, sessionId };
    select(threadId);
  }

  const queue = new QueueModel({
    api,
    shopId: own,
    staffId: opts.staff.id,
    onAssigned: (a) => {
      notifier.announce({ title: t(a.via === "transfer" ? "assign.transferred" : "assign.title"), body: a.note ? `${a.customerName} · ${a.note}` : a.customerName, threadId: a.threadId, open: () => select(a.threadId) });
      // The list polls every few seconds; a new chat should be in it when the agent opens it.
      void threads.refresh();
    },
    onLeaveMessage: (m) => {
      notifier.announce({ title: t("leave.new"), body: `${m.customerName}: ${m.text}`, threadId: m.threadId, open: () => select(m.threadId) });
      void leaveMessages.refresh();
    },
    // Until the agent looks: a stranger's login is what 登录设备 is there to end.
    onAccountLogin: (l) => {
      toasts.push({
        title: t("sessions.newLogin"),
        body: `${deviceName(l.userAgent)} · ${l.address ?? t("sessions.unknownAddress")}`,
        sticky: true,
        action: { label: t("sessions.review"), run: () => go("account") },
      });
      if (onAccountPage.peek()) void sessions.load();
    },
  });

  // A platform admin may watch another shop's queue (the 排队 view's shop, or the open thread's).
  const queueShop = signal(own);
  const threadShop = computed(() => (selectedId.value ? parseThreadId(selectedId.value).shopId : own));
  const watchedShop = computed(() => (!isPlatformAdmin ? own : view.value === "queue" ? queueShop.value : threadShop.value));
  const watched = signal<QueueModel | null>(null);
  effect(() => {
    const shopId = watchedShop.value;
    if (shopId === own) return;
    const model = untracked(() => new QueueModel({ api, shopId, staffId: opts.staff.id }));
    watched.value = model;
    return () => {
      watched.value = null;
      model[Symbol.dispose]();
    };
  });
  const shownQueue = computed(() => (watchedShop.value !== own && watched.value) || queue);
  /** The queue that can transfer the open thread's session, if this staff member may. */
  const transferQueue = computed(() => (threadShop.value === own ? queue : watched.value?.shopId.value === threadShop.value ? watched.value : null));

  const admin = new AdminModel({ api, staff: opts.staff, active: computed(() => view.value === "admin"), shops });
  /** Agents' own canned replies (admins manage theirs, and the shop's, under 管理). */
  const canned = new CannedModel({ api, shopId: signal(own), isAdmin: false, active: computed(() => view.value === "replies" && !isAdmin) });
  const analytics = new AnalyticsModel({ api, staff: opts.staff, isAdmin, active: computed(() => view.value === "stats"), shops });
  /** 主动服务: campaigns, the notices' outcomes and failures (admins). */
  const proactive = new ProactiveModel({ api, staff: opts.staff, active: computed(() => view.value === "proactive" && isAdmin), shops });
  const leaveMessages = new LeaveMessagesModel({ api, staff: opts.staff, active: computed(() => view.value === "leave"), shops });
  /** 账号安全: the staff member's own two-factor login, password and login sessions. */
  const onAccountPage = computed(() => view.value === "account");
  function go(next: View) {
    view.value = next;
    location.hash = hashOf(next, selectedId.peek(), tickets.selectedId.peek());
  }
  /** Departments and staff per shop for the ticket pickers, loaded once. */
  const directory = createDirectoryLoader(api);
  /** 质检: admins review finished consultations; agents read their own reviews. */
  const quality = new QualityModel({ api, staff: opts.staff, isAdmin, active: computed(() => view.value === "quality"), shops, directory });
  /** The 工单 nav badge: my active tickets (overdue ones marked), with a toast when one is given to me, reopened by its shopper or overdue. */
  const ticketBadge = new TicketBadgeModel({
    api,
    onNews: ({ kind, ticket }) =>
      // A shopper saying it is not solved stays until read: a second disappointment must not be missed.
      toasts.push({ title: t(`ticketBadge.${kind}`, { number: ticket.number }), body: ticket.title, action: { label: t("ticketNew.view"), run: () => openTicket(ticket.id) }, sticky: kind === "reopened" }),
  });
  const tickets = new TicketsModel({
    api,
    staff: opts.staff,
    active: computed(() => view.value === "tickets"),
    shops,
    directory,
    initialId: start.ticketId ?? null,
    onSelect: (id) => void (location.hash = hashOf("tickets", null, id)),
    onChanged: (ticket) => ticketBadge.refresh(ticket.id),
  });
  /** 工单 with one ticket open (from a toast, the context panel or a link). */
  function openTicket(ticketId: string) {
    tickets.select(ticketId);
    view.value = "tickets";
  }
  const twoFactor = new TwoFactorModel({ api, active: onAccountPage });
  const sessions = new SessionsModel({ api, active: onAccountPage, onLoggedOut: opts.onLoggedOut });
  // A new password ends the other sessions: the list below the form shows it at once.
  const password = new PasswordModel(api, () => void sessions.load());

  effect(() => {
    const onHash = () => {
      const r = parseHash(location.hash);
      view.value = allowed(r.view);
      if (r.threadId) selectedId.value = r.threadId;
      if (r.view === "tickets") tickets.show(r.ticketId ?? null);
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  });

  effect(() => {
    if (own !== PLATFORM_SHOP_ID) return;
    api.get<{ shops: ShopInfo[] }>("/shops").then((r) => (shops.value = r.shops), () => undefined);
  });

  // One socket at a time: the previous thread's model (and socket) goes when another is opened.
  effect(() => {
    const threadId = selectedId.value;
    if (!threadId) return;
    untracked(() => queue.markSeen(threadId));
    const model = untracked(
      () => new ConversationModel({ api, threadId, me: { id: opts.staff.id, side: "agent" }, channel: "pc" }),
    );
    const extras = untracked(() => new ThreadToolsModel({ api, threadId, conversation: model, listEntry }));
    conversation.value = model;
    tools.value = extras;
    return () => {
      tools.value = null;
      conversation.value = null;
      extras[Symbol.dispose]();
      model[Symbol.dispose]();
    };
  });

  effect(() => {
    const want = reveal.value;
    const c = conversation.value;
    if (!want || !c || c.threadId.value !== want.threadId || c.messages.value.length === 0) return;
    reveal.value = null;
    void untracked(() => c.revealSession(want.sessionId));
  });

  // The open thread's room knows its unread count best; show it in the list as it changes.
  effect(() => {
    const model = conversation.value;
    const threadId = selectedId.value;
    if (model && threadId) threads.setUnread(threadId, model.unread.value.agent);
  });

  return {
    api,
    view,
    threads,
    files,
    toasts,
    notifier,
    queue,
    queueShop,
    shownQueue,
    transferQueue,
    shops,
    admin,
    canned,
    leaveMessages,
    quality,
    openSession,
    analytics,
    proactive,
    tickets,
    ticketBadge,
    directory,
    twoFactor,
    password,
    sessions,
    selectedId,
    selected,
    liveStatus,
    conversation,
    tools,
    select,
    go,
    openTicket,
  };
});
export type WorkspaceModel = InstanceType<typeof WorkspaceModel>;
