/**
 * The context panel's shapes: the same ones the worker builds (core/protocol/context.ts).
 */
import type { ThreadContext } from "../../../core/protocol/context";

export * from "../../../core/protocol/context";
export type ContextEntry = ThreadContext["entry"];
