import type { ContextOrder, ThreadContext } from "../../common/context-types";
import { TrackTimeline } from "../../common/chat/Tracking";
import { formatMoney, formatTime, nameOf, orderStatusName, t } from "../../common/i18n";
import { ErrorNote } from "../../common/ui/ErrorNote";
import type { ContextModel } from "../../models/context";
import { reasonText, shopName } from "./context-text";

/** One order: status, total, latest parcel step, the full track on demand, and 发送订单卡片. */
export function OrderItem({ order, model, ctx, reasons, maybe }: { order: ContextOrder; model: ContextModel; ctx: ThreadContext; reasons?: string[]; maybe?: number }) {
  const open = model.expanded.value.has(order.id);
  const sent = model.sent.value.has(`order:${order.id}`);
  const latest = order.shipment?.latest;
  const sendable = order.shopId === ctx.shopId;
  return (
    <li class={`ctx-order${reasons ? " resolved" : ""}`} data-testid="context-order" data-order-id={order.id} data-resolved={reasons ? "true" : undefined}>
      {reasons && (
        <div class="ctx-resolved" data-testid="context-resolved">
          <strong>{maybe === undefined ? t("ctx.resolvedTag") : t("ctx.maybeTag", { pct: Math.round(maybe * 100) })}</strong>
          {reasons.map((r) => (
            <span key={r} class="ctx-reason">{reasonText(r)}</span>
          ))}
        </div>
      )}
      <div class="ctx-order-head">
        <span class="mono">{order.id}</span>
        {ctx.scope === "all" && <span class="ctx-shop">{shopName(ctx, order.shopId)}</span>}
        <span class="badge badge-status">{orderStatusName(order.status)}</span>
      </div>
      <div class="ctx-title">{order.card.title}</div>
      <div class="ctx-sub">
        <span class="price">{formatMoney(order.totalCents)}</span>
        <span>{t("ctx.placed", { time: formatTime(order.createdAt) })}</span>
      </div>
      {latest && (
        <div class="ctx-latest">
          <strong>{nameOf("track", latest.status)}</strong> {latest.description}
        </div>
      )}
      <div class="ctx-actions">
        {order.shipment && (
          <button type="button" class="link-btn" data-testid="context-track-toggle" aria-expanded={open} onClick={() => model.toggle(order.id)}>
            {t(open ? "ctx.hideTrack" : "ctx.showTrack", { n: order.shipment.events.length })}
          </button>
        )}
        {sendable && (
          <button type="button" class="btn btn-outline btn-small" data-testid="send-order-card" onClick={() => model.sendOrder(order)}>
            {t(sent ? "ctx.sentAgain" : "ctx.sendOrder")}
          </button>
        )}
      </div>
      {open && order.shipment && (
        <div class="ctx-track">
          <ul class="ctx-items">
            {order.items.map((i) => (
              <li key={i.productId}>
                {i.title} × {i.qty}
              </li>
            ))}
          </ul>
          <TrackTimeline
            startOpen
            carrier={order.shipment.carrier}
            trackingNo={order.shipment.trackingNo}
            steps={[...order.shipment.events].reverse().map((e) => ({ status: e.status, description: e.description, location: e.location, at: e.occurredAt }))}
          />
        </div>
      )}
    </li>
  );
}

/** The orders, the one the shopper's latest message means first and highlighted. */
export function ContextOrders({ model, ctx }: { model: ContextModel; ctx: ThreadContext }) {
  const hl = model.highlight.value;
  const picked = hl?.candidates ?? [];
  const pickedIds = new Set(picked.map((c) => c.orderId));
  const rest = model.orders.value.filter((o) => !pickedIds.has(o.id));
  const shown = new Set([...pickedIds, ...rest.map((o) => o.id)]).size;
  const ordersError = model.ordersError.value;
  return (
    <section class="ctx-section" aria-labelledby="ctx-orders">
      <h3 id="ctx-orders">
        {t(ctx.scope === "all" ? "ctx.ordersAll" : "ctx.orders")}
        <span class="count-badge">{ctx.orders.total}</span>
      </h3>
      {hl?.ambiguous && <p class="ctx-hint">{t("ctx.ambiguous")}</p>}
      {ctx.orders.total === 0 && picked.length === 0 ? (
        <p class="ctx-empty">{t("ctx.noOrders")}</p>
      ) : (
        <ul class="ctx-list">
          {picked.map((c) => (
            <OrderItem key={c.orderId} order={c.order} model={model} ctx={ctx} reasons={c.reasons} maybe={hl?.ambiguous ? c.confidence : undefined} />
          ))}
          {rest.map((o) => (
            <OrderItem key={o.id} order={o} model={model} ctx={ctx} />
          ))}
        </ul>
      )}
      {ctx.orders.total > shown && <p class="ctx-hint">{t("ctx.moreOrders", { n: shown, total: ctx.orders.total })}</p>}
      {ordersError && <ErrorNote error={ordersError} />}
      {model.ordersNext.value && (
        <button type="button" class="btn btn-outline btn-small ctx-more" data-testid="context-more-orders" disabled={model.loadingOrders.value} onClick={() => model.moreOrders()}>
          {t(model.loadingOrders.value ? "ctx.loadingMoreOrders" : "ctx.loadMoreOrders")}
        </button>
      )}
    </section>
  );
}
