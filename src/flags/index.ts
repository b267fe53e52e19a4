export * from "./evaluate.js";
export * from "./cache.js";
