import { ChatBody } from "../common/chat/ChatBody";
import { ChatContext } from "../common/chat/context";
import { lang, t } from "../common/i18n";
import { ConnectionPill } from "../common/ui/ConnectionPill";
import { LangSwitch } from "../common/ui/LangSwitch";
import type { WidgetModel } from "../models/widget";
import { EntryHeader } from "./EntryHeader";
import { HumanBar } from "./HumanBar";
import { IdentityGate } from "./IdentityGate";
import { LeaveMessageForm } from "./LeaveMessageForm";
import { MyTicketsButton, MyTicketsPanel } from "./MyTickets";
import { QueueBanner } from "./QueueBanner";
import { Logo } from "../common/ui/Logo";

export function App({ widget }: { widget: WidgetModel }) {
  const { shopper } = widget;
  const shop = widget.shop.value;
  const c = widget.conversation.value;
  const who = shopper.identity.value;
  const tickets = widget.myTickets.value;
  return (
    <div class="widget">
      <header class="widget-head">
        <div class="widget-shop">
          <Logo />
          <div>
            <h1 class="shop-name" data-testid="shop-name">
              {shop ? (lang.value === "en" ? shop.nameEn : shop.name) : t("app.widget")}
            </h1>
            <div class="widget-sub">{t("app.widget")}</div>
          </div>
        </div>
        <div class="widget-tools">
          {c && who && tickets && <MyTicketsButton model={tickets} />}
          {c && <ConnectionPill status={c.connection.value} />}
          <LangSwitch />
        </div>
      </header>
      {shopper.signedOut.value && (
        <div class="signed-out-note" role="status" data-testid="signed-out-note">
          <span>{t("widget.signedOut")}</span>
          <button type="button" class="link-btn" data-testid="signed-out-dismiss" onClick={() => shopper.dismissSignedOut()}>
            {t("conv.dismiss")}
          </button>
        </div>
      )}
      {c && who ? (
        <>
          <EntryHeader widget={widget} />
          <QueueBanner queue={c.queue.value} />
          {(c.queue.value?.leaveMessage || c.leftMessage.value) && <LeaveMessageForm conversation={c} serviceEmail={shop?.serviceEmail ?? null} />}
          <ChatContext.Provider value={{ conversation: c, files: widget.files, perspective: "customer", meId: who.customerId, onTicketNotice: tickets ? (number) => tickets.show(number) : undefined }}>
            <ChatBody key={who.customerId}>
              <HumanBar conversation={c} />
            </ChatBody>
          </ChatContext.Provider>
          {tickets?.open.value && <MyTicketsPanel model={tickets} />}
          {shopper.switchable.value && (
            <footer class="widget-foot">
              <button type="button" class="link-btn" data-testid="switch-identity" onClick={() => shopper.switchIdentity()}>
                {t("widget.switch")}
              </button>
            </footer>
          )}
        </>
      ) : (
        <IdentityGate shopper={shopper} />
      )}
    </div>
  );
}
