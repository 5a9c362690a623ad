import type { OrderCard, ProductCard } from "../../../../core/protocol";
import { categoryName, formatMoney, formatTime, orderStatusName, t } from "../i18n";
import { Icon } from "../ui/Icon";

/** Product images come from the mall's catalogue; only absolute http(s) or same-origin paths are shown. */
function safeImage(src: string | undefined | null): string | null {
  return src && /^(https?:\/\/|\/)/.test(src) ? src : null;
}

export function OrderCardView({ order }: { order: OrderCard }) {
  return (
    <article class="card card-order" data-testid="order-card">
      <header class="card-head">
        <span class="card-kind">{t("card.order")}</span>
        <span class="badge badge-status">{orderStatusName(order.status)}</span>
      </header>
      <div class="card-title">{order.title}</div>
      <dl class="card-facts">
        <dt>{t("card.orderNo")}</dt>
        <dd>{order.orderId}</dd>
        <dt>{t("card.total")}</dt>
        <dd class="price">{formatMoney(order.totalCents)}</dd>
        <dt>{t("card.placedAt")}</dt>
        <dd>{formatTime(Date.parse(order.createdAt))}</dd>
      </dl>
    </article>
  );
}

export function ProductCardView({ product }: { product: ProductCard }) {
  const image = safeImage(product.image);
  return (
    <article class="card card-product" data-testid="product-card">
      <div class="card-thumb">{image ? <img src={image} alt="" /> : <Icon name="box" size={28} />}</div>
      <div class="card-body">
        <span class="card-kind">{t("card.product")}</span>
        <div class="card-title">{product.title}</div>
        <div class="card-sub">{categoryName(product.category)}</div>
        <div class="price">{formatMoney(product.priceCents)}</div>
      </div>
    </article>
  );
}
