export * from "./analyze";
export * from "./query";
export * from "./similarity";
export * from "./rank";
export * from "./fusion";
export { stemWord } from "./stem";
export * from "./import-row";
export * from "./cluster";
