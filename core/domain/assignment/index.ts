export * from "./pick-agent";
export * from "./waiting-list";
