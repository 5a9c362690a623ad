/**
 * The departments (skill groups) and staff of a shop, for the ticket pickers: `GET
 * /api/admin/directory?shop=`, which any staff member may read. Loaded once per shop and kept for
 * the workspace's life; a failed load is forgotten so the next picker tries again.
 */
import type { ApiClient } from "../common/api";
import { lang } from "../common/i18n";

export interface TicketDepartment {
  key: string;
  name: string;
  nameEn: string;
}

export interface TicketDirectory {
  shopId: string;
  groups: TicketDepartment[];
  agents: { id: string; name: string }[];
}

/** The directory of a shop, shared by the 工单 page and the create dialog. */
export type DirectoryLoader = (shopId: string) => Promise<TicketDirectory>;

export function createDirectoryLoader(api: ApiClient): DirectoryLoader {
  const cache = new Map<string, Promise<TicketDirectory>>();
  return (shopId) => {
    let hit = cache.get(shopId);
    if (!hit) {
      hit = api.get<TicketDirectory>(`/admin/directory?shop=${encodeURIComponent(shopId)}`).then((d) => ({ shopId: d.shopId, groups: d.groups, agents: d.agents.map((a) => ({ id: a.id, name: a.name })) }));
      hit.catch(() => cache.delete(shopId));
      cache.set(shopId, hit);
    }
    return hit;
  };
}

/** A department's name in the UI language. */
export function departmentName(d: { name: string; nameEn: string }): string {
  return lang.value === "en" ? d.nameEn : d.name;
}
