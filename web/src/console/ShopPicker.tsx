import type { ShopInfo } from "../common/api-types";
import { lang, t } from "../common/i18n";

/**
 * Platform staff choose which shop a page shows (the platform desk first); with `allLabel`, the
 * first choice is every shop at once (value "").
 */
export function ShopPicker({ value, shops, onChange, testId, allLabel }: { value: string; shops: readonly ShopInfo[]; onChange: (shopId: string) => void; testId: string; allLabel?: string }) {
  const list = value === "" || shops.some((s) => s.id === value) ? shops : [{ id: value, name: value, nameEn: value }, ...shops];
  return (
    <label class="shop-picker">
      <span>{t("admin.shop")}</span>
      <select data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id}>
            {lang.value === "en" ? s.nameEn : s.name} ({s.id})
          </option>
        ))}
      </select>
    </label>
  );
}
