export * from "./greeting";
export * from "./policy";
