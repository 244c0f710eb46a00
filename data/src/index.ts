/** Public API of @lingyan/data: canonical records, the demo region and its readers. */
export * from "./records.js";
export { weakReasons, strengthOf, isPoorNotExited, type WeakReason, type Strength, type StrengthFigures } from "./rules.js";
export { generateDemoRegion } from "./demo/generate.js";
export { readDataset, writeDataset, readDemoRegion, datasetFiles, DATASET_FILES, DEMO_DIR } from "./demo/files.js";
export { DEMO_SEED } from "./demo/rng.js";
export { PREFECTURE_CODE as DEMO_PREFECTURE_CODE } from "./demo/places.js";

export { checkGeometry, GeometryProblem, type GeometryTypeName } from "./validate/geometry.js";

// Import: readers of GeoJSON / Shapefile / CSV / XLSX and the record builders of each kind.
export * from './import/source.js';
export { openSource, SOURCE_EXTENSIONS, type OpenOptions } from './import/open-source.js';
export { detectEncoding, encodingFromLabel, type TextEncodingName } from './import/encoding.js';
export { SOURCE_CRSES, toWgs84, wgs84ToGcj02, gcj02ToWgs84, bd09ToGcj02, gcj02ToBd09, geometryToWgs84, type SourceCrs } from './import/crs.js';
export { parseDivisionCode, parentCode, type DivisionLevel } from './import/codes.js';
export { parseNumber, parseInteger, parseBoolean, parseEnum, parseList, parseYearAmounts, type Parsed } from './import/cells.js';
export { FieldReader, type ColumnAliases, type ColumnOverrides } from './import/columns.js';
export { DuplicateKeys } from './import/duplicates.js';
export { rowProblem, problemReason, problemField, areaText, type RowProblem, type AreaLabel } from './import/problem.js';
export * from './import/messages.js';
export * from './import/kinds/index.js';
export { buildRow, knownHeaders } from './import/kinds/built.js';
export { FIELD_UNITS, splitHeader, unitFactor, type Unit } from './import/header-units.js';
export { halfWidth, parseYear, FIRST_YEAR, lastYear } from './import/cells.js';
export { sourceError } from './import/source.js';
export { templateFiles, templateCsv, templateXlsx, templateGeoJson, templateHeaders, TEMPLATE_EXAMPLES, type TemplateFile } from './import/templates.js';

// Export: the importer's default layout, as CSV (UTF-8 with BOM) or GeoJSON.
export * from './export/format.js';

// Province and national scale datasets (real division codes, synthetic shapes and villages), streamed to files.
export { writeScale, planScale, SCALE_FILES, NATIONAL_VILLAGES, PROVINCE_VILLAGES, DEFAULT_PROVINCE, type Scale, type ScaleOptions, type ScaleSummary } from './national/generate.js';
export { readDivisions, DIVISIONS_DIR, PROVINCES, type Divisions, type DivisionCounty, type DivisionTownship } from './national/divisions.js';
export { syntheticVillage } from './national/village.js';
export { FeatureScanner } from './import/readers/geojson.js';
