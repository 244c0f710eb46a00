/** Public API of @lingyan/data: canonical records, the demo region and its readers. */
export * from "./records.js";
export { generateDemoRegion } from "./demo/generate.js";
export { readDataset, writeDataset, readDemoRegion, datasetFiles, DATASET_FILES, DEMO_DIR } from "./demo/files.js";
export { DEMO_SEED } from "./demo/rng.js";

export { checkGeometry, GeometryProblem, type GeometryTypeName } from "./validate/geometry.js";
