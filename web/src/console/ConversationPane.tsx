import { useSignal } from "@preact/signals";
import { useMemo } from "preact/hooks";
import type { ChatMessage } from "../../../core/protocol";
import { PLATFORM_SHOP_ID, parseThreadId } from "../../../core/protocol";
import { ratingStars } from "../../../core/domain/rating";
import type { StaffProfile } from "../common/api-types";
import { ChatBody } from "../common/chat/ChatBody";
import { ChatContext } from "../common/chat/context";
import { t } from "../common/i18n";
import { ConnectionPill } from "../common/ui/ConnectionPill";
import { Icon } from "../common/ui/Icon";
import { LevelBadge } from "../common/ui/LevelBadge";
import { StatusBadge } from "../common/ui/StatusBadge";
import type { WorkspaceModel } from "../models/workspace";
import { composerAssist } from "./assist/AssistList";
import { SaveAsKnowledge, SuggestDialog } from "./assist/SaveAsKnowledge";
import { ContextPanel } from "./context/ContextPanel";
import { TicketCreateDialog } from "./tickets/TicketCreateDialog";
import { TransferDialog } from "./TransferDialog";

export function ConversationPane({ ws, staff }: { ws: WorkspaceModel; staff: StaffProfile }) {
  const transferOpen = useSignal(false);
  const ticketOpen = useSignal(false);
  const c = ws.conversation.value;
  const tools = ws.tools.value;
  const threadId = ws.selectedId.value;
  // One assistant and one action component per open chat, so the composer keeps its state.
  const assist = useMemo(() => (tools ? composerAssist(tools.assist) : undefined), [tools]);
  const MessageActions = useMemo(() => (tools ? ({ message }: { message: ChatMessage }) => <SaveAsKnowledge model={tools.suggestion} message={message} meId={staff.id} /> : undefined), [tools, staff.id]);
  if (!c || !threadId || !tools) {
    return (
      <section class="conv-pane conv-empty">
        <p class="empty-hint">{t("conv.pick")}</p>
      </section>
    );
  }
  const row = ws.selected.value;
  const { shopId, customerId } = parseThreadId(threadId);
  // A chat just assigned may not be in the polled list yet; the assignment knows the name.
  const name = row?.customer.name ?? ws.queue.myChats.value.find((m) => m.threadId === threadId)?.customerName ?? customerId;
  const session = c.session.value;
  const email = c.email.value;
  const connected = c.connection.value === "open";
  const open = session !== null && session.status !== "resolved";
  const isAdmin = staff.role === "shop_admin" || staff.role === "platform_admin";
  const queue = ws.transferQueue.value;
  const canTransfer = session?.status === "assigned" && queue !== null && (session.agentId === staff.id || isAdmin);
  const platformInShop = staff.shopId === PLATFORM_SHOP_ID && shopId !== PLATFORM_SHOP_ID;
  // 满意度评价: once per session, and only for a session a person served (bot answers are rated on their own).
  const ratingInvited = typeof session?.ratingInvitedAt === "number";
  const rated = typeof session?.rating === "number";
  const canInviteRating = session !== null && session.personServed === true && !ratingInvited && !rated;
  const intervened = c.messages.value.some((m) => m.kind === "system" && m.body.notice?.code === "platform.intervened" && m.sessionId === session?.id);
  return (
    <>
      <section class="conv-pane" aria-label={name}>
        <header class="conv-head">
          <div class="conv-title">
            <h2>{name}</h2>
            {row && <LevelBadge level={row.customer.level} />}
            {session && <StatusBadge status={session.status} />}
          </div>
          <div class="conv-actions">
            <ConnectionPill status={c.connection.value} />
            {platformInShop && (
              <button type="button" class="btn btn-outline btn-small btn-warn" data-testid="intervene-button" disabled={!open || !connected || intervened} onClick={() => c.intervene()}>
                {t(intervened ? "intervene.done" : "intervene.button")}
              </button>
            )}
            {queue && (
              <button type="button" class="btn btn-outline btn-small" data-testid="transfer-button" disabled={!canTransfer || queue.connection.value !== "open"} title={canTransfer ? undefined : t("transfer.notAssigned")} onClick={() => (transferOpen.value = true)}>
                <Icon name="transfer" size={14} />
                {t("transfer.button")}
              </button>
            )}
            <button
              type="button"
              class="btn btn-outline btn-small"
              data-testid="invite-rating-button"
              disabled={!canInviteRating || !connected}
              title={session && session.personServed !== true ? t("rating.noPerson") : t("rating.inviteHint")}
              onClick={() => c.inviteRating()}
            >
              {rated ? t("rating.rated", { stars: ratingStars(session!.rating!) }) : t(ratingInvited ? "rating.inviteSent" : "rating.invite")}
            </button>
            <button type="button" class="btn btn-outline btn-small" data-testid="create-ticket-button" onClick={() => (ticketOpen.value = true)}>
              <Icon name="ticket" size={14} />
              {t("ticketNew.button")}
            </button>
            <button type="button" class="btn btn-outline btn-small" data-testid="resolve-button" disabled={!open || !connected} onClick={() => c.resolve()}>
              {t("conv.resolve")}
            </button>
          </div>
        </header>
        {email && (
          <div class="email-bar" data-testid="email-bar">
            <Icon name="mail" size={14} />
            <span>{t("email.bar", { address: email.address })}</span>
            {email.subject && <span class="email-bar-subject">{t("email.subject", { subject: email.subject })}</span>}
          </div>
        )}
        <ChatContext.Provider value={{ conversation: c, files: ws.files, perspective: "agent", meId: staff.id, assist, MessageActions }}>
          <ChatBody key={threadId}>
            {session?.status === "bot" && (
              <div class="bot-bar" data-testid="bot-hold">
                <span class="bot-bar-text">
                  <span class="bot-bar-dot" aria-hidden="true" />
                  {t("bot.holdHint")}
                </span>
              </div>
            )}
          </ChatBody>
        </ChatContext.Provider>
      </section>
      <ContextPanel model={tools.context} row={row} customerId={customerId} agentName={session?.agentName ?? null} onOpenTicket={(id) => ws.openTicket(id)} onRevealSession={(id) => c.revealSession(id)} />
      <SuggestDialog model={tools.suggestion} />
      {ticketOpen.value && <ChatTicketDialog ws={ws} threadId={threadId} sessionId={session?.id ?? null} onClose={() => (ticketOpen.value = false)} />}
      {transferOpen.value && queue && session && (
        <TransferDialog queue={queue} sessionId={session.id} currentAgentId={session.agentId} onClose={() => (transferOpen.value = false)} />
      )}
    </>
  );
}

/** 创建工单 from the open chat: prefilled from the shopper's latest words and the context panel. */
function ChatTicketDialog({ ws, threadId, sessionId, onClose }: { ws: WorkspaceModel; threadId: string; sessionId: string | null; onClose: () => void }) {
  const c = ws.conversation.peek();
  const context = ws.tools.peek()?.context;
  const messages = c?.messages.peek() ?? [];
  const said = [...messages].reverse().find((m) => m.sender.role === "customer" && m.kind === "text" && m.body.text?.trim());
  const meant = context?.highlight.peek();
  return (
    <TicketCreateDialog
      api={ws.api}
      threadId={threadId}
      sessionId={sessionId}
      context={context?.data.peek() ?? null}
      text={said?.body.text ?? ""}
      orderId={meant && !meant.ambiguous ? (meant.candidates[0]?.orderId ?? null) : null}
      directory={ws.directory}
      onClose={onClose}
      onCreated={(d) => {
        onClose();
        context?.refresh();
        ws.toasts.push({ title: t("ticketNew.created", { number: d.ticket.number }), body: d.ticket.title, action: { label: t("ticketNew.view"), run: () => ws.openTicket(d.ticket.id) } });
        ws.ticketBadge.refresh(d.ticket.id);
      }}
    />
  );
}
