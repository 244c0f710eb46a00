/** Public API of @lingyan/data: canonical records, readers of the committed demo region. */
export * from "./records.js";
