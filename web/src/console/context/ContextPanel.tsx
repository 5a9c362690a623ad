import type { CustomerLevel } from "../../../../core/protocol";
import type { ThreadRow } from "../../common/api-types";
import { channelName, formatTime, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import { Icon } from "../../common/ui/Icon";
import { LevelBadge } from "../../common/ui/LevelBadge";
import type { ContextModel } from "../../models/context";
import { ContextHistory, ContextShopping, type RevealSession } from "./ContextActivity";
import { ContextEntry } from "./ContextEntry";
import { ContextTickets } from "./ContextTickets";
import { ContextOrders } from "./ContextOrders";
import { localeName } from "./context-text";

const LEVELS = new Set(["normal", "silver", "gold", "vip"]);

/**
 * The customer beside the chat (the right column): the entry on top, who they are, their orders
 * with the one their latest message means highlighted, cart, browsing, past sessions,
 * complaints and tickets (工单). Kept live by the model (on open, on each shopper message, on
 * each mall change the room pushes, and a slow fallback refresh).
 */
export function ContextPanel({ model, row, customerId, agentName, onOpenTicket, onRevealSession }: { model: ContextModel; row: ThreadRow | null; customerId: string; agentName: string | null; onOpenTicket: (ticketId: string) => void; onRevealSession?: RevealSession }) {
  const ctx = model.data.value;
  const error = model.error.value;
  const c = ctx?.customer;
  const name = c?.name ?? row?.customer.name ?? customerId;
  const level = c?.level ?? row?.customer.level ?? "normal";
  return (
    <aside class="customer-panel context-panel" data-testid="context-panel" data-loading={String(model.loading.value)} aria-label={t("ctx.title")}>
      <header class="ctx-head">
        <h2>{t("ctx.title")}</h2>
        <button type="button" class="btn btn-ghost btn-icon btn-small" data-testid="context-refresh" title={t("ctx.refresh")} aria-label={t("ctx.refresh")} disabled={model.loading.value} onClick={() => model.refresh()}>
          <Icon name="refresh" size={15} />
        </button>
      </header>
      {error && <ErrorNote error={error} />}
      {ctx && <ContextEntry model={model} ctx={ctx} />}
      <section class="ctx-section ctx-customer" data-testid="context-customer">
        <div class="ctx-who">
          <span class={`avatar avatar-${level}`} aria-hidden="true">
            {name.slice(0, 1)}
          </span>
          <div>
            <div class="customer-name">{name}</div>
            <div class="ctx-sub">
              {LEVELS.has(level) && <LevelBadge level={level as CustomerLevel} />}
              {c && !c.known && <span class="badge">{t("ctx.unknownCustomer")}</span>}
            </div>
          </div>
        </div>
        {c && c.tags.length > 0 && (
          <div class="ctx-tags">
            {c.tags.map((tag) => (
              <span key={tag} class="chip">{tag}</span>
            ))}
          </div>
        )}
        <dl class="facts">
          <dt>{t("conv.customerId")}</dt>
          <dd class="mono">{customerId}</dd>
          {c && (
            <>
              <dt>{t("ctx.locale")}</dt>
              <dd>{localeName(c.locale)}</dd>
              <dt>{t("ctx.channels")}</dt>
              <dd data-testid="context-channels">{c.channels.length ? c.channels.map((x) => `${channelName(x.channel)} ×${x.sessions}`).join(" · ") : t("ctx.none")}</dd>
            </>
          )}
          {row && (
            <>
              <dt>{t("conv.openedAt")}</dt>
              <dd>{formatTime(row.session.openedAt)}</dd>
            </>
          )}
          {agentName && (
            <>
              <dt>{t("conv.agent")}</dt>
              <dd>{agentName}</dd>
            </>
          )}
        </dl>
      </section>
      {!ctx && !error && <p class="empty-hint">{t("ctx.loading")}</p>}
      {ctx && (
        <>
          <ContextOrders model={model} ctx={ctx} />
          <ContextShopping model={model} ctx={ctx} />
          <ContextHistory ctx={ctx} onReveal={onRevealSession} />
          <ContextTickets ctx={ctx} onOpen={onOpenTicket} />
        </>
      )}
    </aside>
  );
}
