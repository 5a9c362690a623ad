export * from "./pick-agent";
export * from "./waiting-list";
export * from "./queue-engine";
