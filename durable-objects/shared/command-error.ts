/**
 * What a socket command's failure tells its sender, in either object: a DomainError as it is;
 * anything else is logged here and answered as `internal`, never described to the client.
 */
import { DomainError, errorBody } from "../../core/domain/errors";

export function commandErrorBody(err: unknown, context: string): ReturnType<typeof errorBody> {
  if (err instanceof DomainError) return errorBody(err);
  console.error(context, err);
  return errorBody(new DomainError("internal", "internal error"));
}
