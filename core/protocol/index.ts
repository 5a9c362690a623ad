export * from "./common";
export * from "./limits";
export * from "./message";
export * from "./socket";
export * from "./validate";
export * from "./auth";
export * from "./queue";
export * from "./admin";
