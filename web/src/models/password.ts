/**
 * 账号安全 → 登录密码: the staff member changes their own password (POST /api/auth/password). The
 * form is checked here with the server's own schema first, and the new password typed twice; the
 * server's refusal (a wrong current password, this address locked out) lands under its field.
 */
import { computed, createModel, signal } from "@preact/signals";
import { parseInput, PasswordChangeBody } from "../../../core/protocol";
import type { ApiClient } from "../common/api";
import { fieldErrorsOf, lockMinutes, toUiError, type FieldErrors } from "../common/field-errors";
import type { UiError } from "./conversation-state";

/** The message of a second typing that differs (issue-text.ts words it in the UI language). */
const PASSWORDS_DIFFER = "the two new passwords differ";

/** `onChanged`: called once a change went through (the setup gate then asks what is left). */
export const PasswordModel = createModel((api: ApiClient, onChanged?: () => void) => {
  const current = signal("");
  const next = signal("");
  const again = signal("");
  const busy = signal(false);
  const error = signal<UiError | null>(null);
  /** How many other sessions the last change ended; null until a change went through. */
  const changed = signal<number | null>(null);
  /** `field → message` of the last refusal (`currentPassword`, `newPassword`, `again`). */
  const fields = computed<FieldErrors>(() => fieldErrorsOf(error.value));
  /** Minutes left of a lockout the current password's guesses caused, or null. */
  const lockedMinutes = computed(() => (error.value?.code === "locked" ? lockMinutes(error.value.details) : null));

  return {
    current,
    next,
    again,
    busy,
    error,
    changed,
    fields,
    lockedMinutes,
    async submit() {
      changed.value = null;
      const parsed = parseInput(PasswordChangeBody, { currentPassword: current.value, newPassword: next.value });
      if (!parsed.ok) {
        error.value = { code: parsed.code, message: parsed.message, details: parsed.issues };
        return;
      }
      if (again.value !== next.value) {
        error.value = { code: "invalid_input", message: `again: ${PASSWORDS_DIFFER}`, details: [{ field: "again", message: PASSWORDS_DIFFER }] };
        return;
      }
      busy.value = true;
      error.value = null;
      try {
        const res = await api.post<{ otherSessionsEnded: number }>("/auth/password", parsed.value);
        changed.value = res.otherSessionsEnded;
        current.value = next.value = again.value = "";
        onChanged?.();
      } catch (err) {
        error.value = toUiError(err);
      } finally {
        busy.value = false;
      }
    },
  };
});
export type PasswordModel = InstanceType<typeof PasswordModel>;
