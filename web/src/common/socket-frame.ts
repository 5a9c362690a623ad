/**
 * Reads a server frame with the shared protocol schema: the frame, or null for anything that is
 * not valid JSON or not an event we know (it must not corrupt the model's state).
 */
import * as v from "valibot";

export function parseFrame<S extends v.GenericSchema>(schema: S, data: unknown): v.InferOutput<S> | null {
  let json: unknown;
  try {
    json = JSON.parse(String(data));
  } catch {
    return null;
  }
  const parsed = v.safeParse(schema, json);
  return parsed.success ? parsed.output : null;
}
