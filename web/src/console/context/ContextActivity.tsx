import { useSignal } from "@preact/signals";
import { ratingStars } from "../../../../core/domain/rating";
import type { ContextProduct, ContextSession, ThreadContext } from "../../common/context-types";
import { channelName, formatMoney, formatTime, nameOf, t } from "../../common/i18n";
import type { ContextModel } from "../../models/context";
import { productTitle, shopName } from "./context-text";

function ProductLine({ product, productId, extra, model, ctx }: { product: ContextProduct | null; productId: string; extra: string; model: ContextModel; ctx: ThreadContext }) {
  return (
    <li class="ctx-line" data-testid="context-product" data-product-id={productId}>
      <div class="ctx-line-main">
        <span class="ctx-title">{product ? productTitle(product) : productId}</span>
        <span class="ctx-sub">
          {product && <span class="price">{formatMoney(product.priceCents)}</span>}
          <span>{extra}</span>
        </span>
      </div>
      {product && product.shopId === ctx.shopId && (
        <button type="button" class="link-btn" data-testid="send-product-card" onClick={() => model.sendProduct(product)}>
          {t(model.sent.value.has(`product:${product.id}`) ? "ctx.sentAgain" : "ctx.sendProductShort")}
        </button>
      )}
    </li>
  );
}

/** 购物车 and 最近浏览, each product sendable as a card. */
export function ContextShopping({ model, ctx }: { model: ContextModel; ctx: ThreadContext }) {
  return (
    <>
      <section class="ctx-section" data-testid="context-cart">
        <h3>
          {t("ctx.cart")}
          <span class="count-badge">{ctx.cart.items.length}</span>
        </h3>
        {ctx.cart.items.length === 0 && <p class="ctx-empty">{t("ctx.cartEmpty")}</p>}
        <ul class="ctx-list">
          {ctx.cart.items.map((i) => (
            <ProductLine key={i.productId} product={i.product} productId={i.productId} model={model} ctx={ctx} extra={t("ctx.cartLine", { qty: i.qty, time: formatTime(i.addedAt) })} />
          ))}
        </ul>
      </section>
      <section class="ctx-section" data-testid="context-browsing">
        <h3>{t("ctx.browsing")}</h3>
        {ctx.browsing.length === 0 && <p class="ctx-empty">{t("ctx.browsingEmpty")}</p>}
        <ul class="ctx-list">
          {ctx.browsing.slice(0, 8).map((b) => (
            <ProductLine key={b.productId} product={b.product} productId={b.productId} model={model} ctx={ctx} extra={t("ctx.viewed", { n: b.views, time: formatTime(b.lastViewedAt) })} />
          ))}
        </ul>
      </section>
    </>
  );
}

/** Brings a past session of this thread into the chat; false when its messages are not found. */
export type RevealSession = (sessionId: string) => Promise<boolean>;

function SessionLine({ s, ctx, reveal, missing }: { s: ContextSession; ctx: ThreadContext; reveal?: (() => void) | undefined; missing: boolean }) {
  const who = s.agent?.name ?? (s.handledBy === "bot" ? t("sender.bot") : t("ctx.nobody"));
  return (
    <li class="ctx-line ctx-session" data-testid="context-session" data-session-id={s.id} data-outcome={s.outcome}>
      <div class="ctx-line-main">
        <span class="ctx-session-top">
          <span class={`badge ctx-outcome-${s.outcome}`}>{nameOf("outcome", s.outcome)}</span>
          {s.rating !== null && (
            <span class="ctx-rating" data-testid="context-session-rating" data-score={s.rating} aria-label={t("ctx.rating", { n: s.rating })} title={s.ratingComment ?? undefined}>
              {ratingStars(s.rating)}
            </span>
          )}
          <time>{formatTime(s.openedAt)}</time>
        </span>
        <span class="ctx-sub ctx-session-sub">
          <span>
            {who} · {channelName(s.channel)}
            {ctx.scope === "all" && ` · ${shopName(ctx, s.shopId)}`}
          </span>
          {reveal && (
            <button type="button" class="link-btn" data-testid="context-session-open" onClick={reveal}>
              {t("ctx.sessionOpen")}
            </button>
          )}
        </span>
        {missing && (
          <span class="ctx-sub" data-testid="context-session-missing" role="status">
            {t("ctx.sessionMissing")}
          </span>
        )}
      </div>
    </li>
  );
}

/** 历史会话 and 投诉: past consultations with outcome, rating and agent; complaint sessions and 留言. */
export function ContextHistory({ ctx, onReveal }: { ctx: ThreadContext; onReveal?: RevealSession }) {
  const c = ctx.complaints;
  const complaints = c.sessions.length + c.leaveMessages.length;
  // The session whose messages were asked for and not found.
  const missing = useSignal<string | null>(null);
  // Only this thread's sessions (this shop's) have their messages here.
  const revealOf = (s: ContextSession) =>
    onReveal && s.shopId === ctx.shopId
      ? () => {
          missing.value = null;
          void onReveal(s.id).then((found) => (missing.value = found ? null : s.id));
        }
      : undefined;
  return (
    <>
      <section class="ctx-section" data-testid="context-sessions">
        <h3>
          {t("ctx.sessions")}
          <span class="count-badge">{ctx.sessions.length}</span>
        </h3>
        {ctx.sessions.length === 0 && <p class="ctx-empty">{t("ctx.sessionsEmpty")}</p>}
        <ul class="ctx-list">
          {ctx.sessions.slice(0, 10).map((s) => (
            <SessionLine key={s.id} s={s} ctx={ctx} reveal={revealOf(s)} missing={missing.value === s.id} />
          ))}
        </ul>
      </section>
      <section class="ctx-section" data-testid="context-complaints">
        <h3>
          {t("ctx.complaints")}
          <span class={`count-badge${complaints ? " warn" : ""}`}>{complaints}</span>
        </h3>
        {complaints === 0 && <p class="ctx-empty">{t("ctx.complaintsEmpty")}</p>}
        <ul class="ctx-list">
          {c.sessions.map((s) => (
            <SessionLine key={s.id} s={s} ctx={ctx} reveal={revealOf(s)} missing={missing.value === s.id} />
          ))}
          {c.leaveMessages.map((m) => (
            <li key={m.id} class="ctx-line">
              <div class="ctx-line-main">
                <span class="ctx-quote">{m.text}</span>
                <span class="ctx-sub">{t("ctx.leaveMessage", { time: formatTime(m.createdAt) })}</span>
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
