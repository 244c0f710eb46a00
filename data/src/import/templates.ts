/**
 * Templates a data officer fills in: per kind, an XLSX and a CSV with the
 * headers the importer finds first (Chinese), the unit in the header where a
 * field has one (集体经济收入（万元）), and one example row that imports as it
 * is once the places it names exist (the demo region's codes). The XLSX has
 * its code columns formatted as text, so Excel keeps 12-digit codes whole,
 * and a second sheet (填写说明) listing each column's other accepted names.
 * Kinds with a boundary also get a GeoJSON template: a table cannot carry one.
 *
 * Pure bytes, no file system: `pnpm data:template` writes them, the hub
 * offers them as downloads.
 */
import ExcelJS from 'exceljs';
import type { Feature, FeatureCollection } from 'geojson';
import { FIELD_UNITS } from './header-units.js';
import { DEFAULT_LANG, fieldName, kindName, type Lang } from './messages.js';
import { KIND_SPECS } from './kinds/index.js';
import type { ImportKind, KindSpec } from './kinds/kind.js';

export interface TemplateFile {
  /** file name, e.g. figures-模板.xlsx */
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

type Example = Readonly<Record<string, string | number>>;

/** Kinds whose records have a boundary polygon: only GeoJSON or a Shapefile carries it. */
const AREA_KINDS: readonly ImportKind[] = ['counties', 'townships'];

/** One example row per kind, in the demo region (prefecture 159900000000) so it imports into the demo database. */
export const TEMPLATE_EXAMPLES: Partial<Record<ImportKind, Example>> = {
  counties: { code: '159901000000', name: '示例旗', kind: '旗', keyPoorCounty: '是', exitedYear: 2019, prefectureName: '示例盟' },
  townships: { code: '159901101000', countyCode: '159901000000', name: '示例苏木', kind: '苏木' },
  villages: {
    code: '159901101201', townshipCode: '159901101000', name: '示例嘎查', kind: '嘎查', lon: 111.65, lat: 40.82,
    isPoorVillage: '是', exitedYear: 2019, branchName: '示例嘎查党支部', branchFocus: '种养殖型', branchGovernance15: '否',
  },
  figures: {
    villageCode: '159901101201', villageName: '示例嘎查', year: 2024, households: 320, ruralPopulation: 910, poorHouseholds: 12, poorPopulation: 30,
    collectiveIncome: 4.5, partyMembers: 21, memberPairings: 10, secretaryIsDirector: '是', softLax: '否', branchRating: '中间',
  },
  alliances: { name: '示例联合党委', centreVillageCode: '159901101201', memberVillageCodes: '159901101201、159901101202', platformCompany: '', foundedYear: 2021 },
  pairings: { kind: '强村带弱村', helperVillageCode: '159901101201', helperOrganisation: '', helpedVillageCode: '159901101202', startYear: 2021, endYear: 2023 },
  projects: {
    name: '示例冷棚蔬菜基地', type: '蔬菜', villageCode: '159901101201', villageName: '示例嘎查', operator: '', lon: 111.65, lat: 40.82, startYear: 2021, endYear: '',
    investmentTotal: 120, investmentFiscal: 80, investmentAssisting: 30, investmentCollective: 10, investmentEnterprise: 0, investmentOther: 0,
    beneficiaryHouseholds: 40, beneficiaryPoorHouseholds: 12,
  },
  units: { unit: '示例盟委组织部', kind: '机关', villageCode: '159901101201', villageName: '示例嘎查', startYear: 2021, endYear: '', funds: '2021:20;2022:25', committed: '2021:20;2022:30' },
  progress: {
    villageCode: '159901101201', villageName: '示例嘎查', projectName: '示例冷棚蔬菜基地', projectId: '', year: 2024, stage: '在建',
    plannedFiscal: 80, plannedAssisting: 30, plannedCollective: 10, plannedEnterprise: 0, plannedOther: 0,
    deliveredFiscal: 60, deliveredAssisting: 30, deliveredCollective: 5, deliveredEnterprise: 0, deliveredOther: 0,
    jobs: 15, dividendHouseholds: 12, dividendsPoor: 3.6, shareCapitalPoor: 12,
  },
  causes: { villageCode: '159901101201', villageName: '示例嘎查', year: 2024, ILLNESS: 5, DISABILITY: 2, SCHOOLING: 1, LACK_OF_LABOUR: 3, LACK_OF_FUNDS: 1 },
  findings: {
    inspectedOn: '2025-03-10', inspectingUnit: '盟委督查室', placeCode: '159901101201', category: '基层党建', description: '示例：党员活动室未按时开放',
    responsibleUnit: '示例嘎查党支部', deadline: '2025-05-10', rectifiedOn: '', evidence: '',
  },
  'county-figures': {
    code: '159901000000', year: 2024, households: 9000, ruralPopulation: 30000, poorHouseholds: 50, poorPopulation: 120, povertyIncidence: 0.4,
    collectiveIncome: 320, partyMembers: 1500,
  },
  'township-figures': {
    code: '159901101000', year: 2024, households: 800, ruralPopulation: 2500, poorHouseholds: 12, poorPopulation: 30, povertyIncidence: 1.2,
    collectiveIncome: 45, partyMembers: 160,
  },
};

/** A field of a kind whose cells are codes: kept as text (a number cell loses digits in CSV). */
const isCodeField = (field: string) => /code(s)?$/i.test(field) || field === 'code';

/** The template's columns: every field the kind reads, by the header the importer finds first, with its unit. */
export function templateHeaders(spec: KindSpec<unknown>): Array<{ field: string; header: string }> {
  return Object.keys(spec.aliases).map((field) => {
    const header = spec.aliases[field]?.[0] ?? field;
    const unit = FIELD_UNITS[field];
    return { field, header: unit ? `${header}（${unit}）` : header };
  });
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV template: UTF-8 with a BOM (Excel then reads the Chinese), CRLF, the header and the example. */
export function templateCsv(kind: ImportKind): Uint8Array {
  const spec = KIND_SPECS[kind];
  const example = TEMPLATE_EXAMPLES[kind] ?? {};
  const columns = templateHeaders(spec);
  const text = `\uFEFF${columns.map((c) => csvCell(c.header)).join(',')}\r\n${columns.map((c) => csvCell(example[c.field])).join(',')}\r\n`;
  return new TextEncoder().encode(text);
}

/** The XLSX template: the header and example on the first sheet (codes as text), the columns explained on the second. */
export async function templateXlsx(kind: ImportKind, lang: Lang = DEFAULT_LANG): Promise<Uint8Array> {
  const spec = KIND_SPECS[kind];
  const example = TEMPLATE_EXAMPLES[kind] ?? {};
  const columns = templateHeaders(spec);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(kindName(kind, 'zh').slice(0, 31));
  sheet.columns = columns.map((c) => ({ key: c.field, width: Math.max(10, [...c.header].length * 2 + 2), ...(isCodeField(c.field) ? { style: { numFmt: '@' } } : {}) }));
  sheet.addRow(columns.map((c) => c.header)).font = { bold: true };
  sheet.addRow(columns.map((c) => (isCodeField(c.field) && example[c.field] !== undefined ? String(example[c.field]) : (example[c.field] ?? null))));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const notes = workbook.addWorksheet(lang === 'en' ? 'How to fill in' : '填写说明');
  notes.columns = [{ width: 28 }, { width: 24 }, { width: 70 }];
  notes.addRow(lang === 'en' ? ['Column', 'Field', 'Also accepted as header'] : ['列（表头）', '字段', '也可用作表头的名称']).font = { bold: true };
  for (const c of columns) notes.addRow([c.header, fieldName(c.field, lang), (spec.aliases[c.field] ?? []).slice(1).join('、')]);
  notes.addRow([]);
  notes.addRow([
    lang === 'en'
      ? 'Only the first sheet is imported. Title rows above the header, 合计/小计 rows and notes under the table are skipped. Keep code columns formatted as Text.'
      : '只导入第一个工作表。表头上方的标题行、合计/小计行和表格下方的注释会被跳过。代码列请保持“文本”格式。',
  ]);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The GeoJSON template of an area kind: one feature with a small square boundary and the example's properties. */
export function templateGeoJson(kind: ImportKind): Uint8Array {
  const spec = KIND_SPECS[kind];
  const example = TEMPLATE_EXAMPLES[kind] ?? {};
  const properties = Object.fromEntries(templateHeaders(spec).map((c) => [c.header, example[c.field] ?? null]));
  const feature: Feature = {
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: [[[111.6, 40.8], [111.7, 40.8], [111.7, 40.9], [111.6, 40.9], [111.6, 40.8]]] },
  };
  const collection: FeatureCollection = { type: 'FeatureCollection', features: [feature] };
  return new TextEncoder().encode(`${JSON.stringify(collection, null, 1)}\n`);
}

/** Every template file of a kind: XLSX and CSV, and GeoJSON for kinds with a boundary. */
export async function templateFiles(kind: ImportKind, lang: Lang = DEFAULT_LANG): Promise<TemplateFile[]> {
  const stem = `${kind}-${lang === 'en' ? 'template' : '模板'}`;
  const files: TemplateFile[] = [
    { name: `${stem}.xlsx`, mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes: await templateXlsx(kind, lang) },
    { name: `${stem}.csv`, mediaType: 'text/csv; charset=utf-8', bytes: templateCsv(kind) },
  ];
  if (AREA_KINDS.includes(kind)) files.push({ name: `${stem}.geojson`, mediaType: 'application/geo+json', bytes: templateGeoJson(kind) });
  return files;
}
