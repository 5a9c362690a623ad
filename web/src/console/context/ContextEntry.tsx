import type { ThreadContext } from "../../common/context-types";
import { categoryName, entryName, formatMoney, t } from "../../common/i18n";
import { Icon } from "../../common/ui/Icon";
import type { ContextModel } from "../../models/context";
import { productTitle } from "./context-text";
import { OrderItem } from "./ContextOrders";

/** What the chat was opened on, on top: the product (with 发送商品卡片) or the order. */
export function ContextEntry({ model, ctx }: { model: ContextModel; ctx: ThreadContext }) {
  const e = ctx.entry;
  if (!e || (e.type !== "product" && e.type !== "order")) return null;
  if (e.type === "order") {
    return (
      <section class="ctx-section ctx-entry" data-testid="context-entry" data-entry-type="order">
        <h3>{t("ctx.entry", { type: entryName("order") })}</h3>
        {e.order ? (
          <ul class="ctx-list">
            <OrderItem order={e.order} model={model} ctx={ctx} />
          </ul>
        ) : (
          <p class="ctx-empty">{t("ctx.entryMissing", { id: e.id })}</p>
        )}
      </section>
    );
  }
  const p = e.product;
  return (
    <section class="ctx-section ctx-entry" data-testid="context-entry" data-entry-type="product">
      <h3>{t("ctx.entry", { type: entryName("product") })}</h3>
      {p ? (
        <div class="ctx-product">
          <div class="card-thumb" aria-hidden="true">
            <Icon name="box" size={22} />
          </div>
          <div class="ctx-product-body">
            <div class="ctx-title">{productTitle(p)}</div>
            <div class="ctx-sub">
              <span class="price">{formatMoney(p.priceCents)}</span>
              <span>{categoryName(p.category)}</span>
              <span>{p.stock > 0 ? t("widget.stock", { n: p.stock }) : t("widget.soldOut")}</span>
            </div>
            {p.shopId === ctx.shopId && (
              <button type="button" class="btn btn-outline btn-small" data-testid="send-product-card" onClick={() => model.sendProduct(p)}>
                {t(model.sent.value.has(`product:${p.id}`) ? "ctx.sentAgain" : "ctx.sendProduct")}
              </button>
            )}
          </div>
        </div>
      ) : (
        <p class="ctx-empty">{t("ctx.entryMissing", { id: e.id })}</p>
      )}
    </section>
  );
}
