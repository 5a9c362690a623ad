/**
 * One call at a time behind a form: `busy` while it runs, its failure kept in `error` for the
 * page (never thrown), the last error cleared when the next call starts.
 */
import type { Signal } from "@preact/signals";
import { toUiError } from "../common/field-errors";
import type { UiError } from "./conversation-state";

export function busyRun(busy: Signal<boolean>, error: Signal<UiError | null>) {
  return async (work: () => Promise<void>): Promise<void> => {
    busy.value = true;
    error.value = null;
    try {
      await work();
    } catch (err) {
      error.value = toUiError(err);
    } finally {
      busy.value = false;
    }
  };
}
