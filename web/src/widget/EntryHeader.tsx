import { categoryName, formatMoney, lang, t } from "../common/i18n";
import { Icon } from "../common/ui/Icon";
import type { WidgetModel } from "../models/widget";

/** What the shopper opened the chat from: the product (with 发送商品) or the order (with 发送订单). */
export function EntryHeader({ widget }: { widget: WidgetModel }) {
  const p = widget.product.value;
  const orderId = widget.orderId.value;
  if (p) {
    return (
      <section class="entry-card" data-testid="product-header" aria-label={t("widget.askingAbout")}>
        <div class="card-thumb" aria-hidden="true">
          <Icon name="box" size={26} />
        </div>
        <div class="entry-body">
          <div class="entry-kicker">{t("widget.askingAbout")}</div>
          <div class="entry-title">{lang.value === "en" ? p.titleEn : p.title}</div>
          <div class="entry-sub">
            <span class="price">{formatMoney(p.priceCents)}</span>
            <span class="muted">{categoryName(p.category)}</span>
            <span class="muted">{p.stock > 0 ? t("widget.stock", { n: p.stock }) : t("widget.soldOut")}</span>
          </div>
        </div>
        <button type="button" class="btn btn-outline btn-small" data-testid="send-product" onClick={() => widget.sendProduct()}>
          {t("widget.sendProduct")}
        </button>
      </section>
    );
  }
  if (!orderId) return null;
  return (
    <section class="entry-card" data-testid="order-header" aria-label={t("widget.askingAbout")}>
      <div class="entry-body">
        <div class="entry-kicker">{t("widget.askingAbout")}</div>
        <div class="entry-title">{t("widget.orderEntry", { id: orderId })}</div>
      </div>
      <button type="button" class="btn btn-outline btn-small" data-testid="send-order" onClick={() => widget.sendOrder()}>
        {t("widget.sendOrder")}
      </button>
    </section>
  );
}
