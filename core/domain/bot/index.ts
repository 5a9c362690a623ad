export * from "./greeting";
export * from "./policy";
export * from "./order-answer";
