/** A shop's mailbox on the e-mail door, or null when this deployment receives no mail. */
import { serviceAddress } from "../../../core/domain/email";

export function shopMailbox(env: Pick<Env, "EMAIL_DOMAIN">, shopId: string): string | null {
  return env.EMAIL_DOMAIN ? serviceAddress(shopId, env.EMAIL_DOMAIN) : null;
}
