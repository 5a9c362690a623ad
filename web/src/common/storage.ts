/**
 * Web Storage that never throws: Safari's private mode and locked-down browsers refuse writes,
 * and losing a remembered language or token must not break the page.
 */
function wrap(pick: () => Storage) {
  return {
    get(key: string): string | null {
      try {
        return pick().getItem(key);
      } catch {
        return null;
      }
    },
    set(key: string, value: string): void {
      try {
        pick().setItem(key, value);
      } catch {
        // Not persisted; the in-memory state still works for this page.
      }
    },
    remove(key: string): void {
      try {
        pick().removeItem(key);
      } catch {
        // Nothing stored, nothing to remove.
      }
    },
  };
}

export const storage = {
  local: wrap(() => localStorage),
  session: wrap(() => sessionStorage),
};
