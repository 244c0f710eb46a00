/**
 * The import page's own strings (导入数据), in both languages, Chinese first.
 * The report's problem lines come from the hub in the page's language; the
 * words around them are here.
 */
import type { Locale } from '../app/i18n';

export interface ImportMessages {
  title: string;
  intro: string;
  backToAtlas: string;
  languageLabel: string;
  tokenLabel: string;
  tokenHint: string;
  tokenMissing: string;
  fileTitle: string;
  fileLabel: string;
  dropHint: string;
  templatesLabel: string;
  templatesHint: string;
  settingsTitle: string;
  kindLabel: string;
  kindDetected(kind: string): string;
  kindUnknown: string;
  encodingLabel: string;
  encodingAuto(found: string | null): string;
  headerRowLabel: string;
  headerRowAuto(found: number | null): string;
  crsLabel: string;
  fileCrs(crs: string): string;
  /** the choice offered when the file's counties belong to another prefecture than the demo region held */
  demoRegionLabel: string;
  demoRegionReplace: string;
  demoRegionKeep: string;
  mappingTitle: string;
  mappingField: string;
  mappingColumn: string;
  mappingNone: string;
  mappingChosen: string;
  rowsTitle(shown: number): string;
  rowNumber: string;
  mapTitle(count: number): string;
  mapLabel: string;
  noGeometry: string;
  reportTitle: string;
  checking: string;
  summary(s: { read: number; rejected: number; inserted: number; updated: number; unit: string }): string;
  wouldWrite: string;
  nothingWritten: string;
  written(inserted: number, updated: number): string;
  noProblems: string;
  problemsTitle(count: number): string;
  repairedTitle(count: number): string;
  problemRow: string;
  problemArea: string;
  problemField: string;
  problemReason: string;
  warningsTitle: string;
  notesTitle: string;
  fileProblem: string;
  commit: string;
  commitHint: string;
  committing: string;
  progress(rows: number, share: number | null): string;
  done: string;
  openAtlas: string;
  fullReport: string;
  error(message: string): string;
  kinds: Readonly<Record<string, string>>;
  crses: Readonly<Record<string, string>>;
  unit(unit: string): string;
}

// The importer's names of its kinds (data/src/import/messages.ts KIND_NAMES).
const KINDS_ZH: Record<string, string> = {
  counties: '旗县',
  townships: '苏木乡镇',
  villages: '嘎查村',
  figures: '嘎查村年度数据',
  alliances: '联合党委',
  pairings: '结对帮扶',
  projects: '产业项目',
  units: '定点帮扶单位',
  progress: '项目进度',
  causes: '致贫原因',
  findings: '督查问题',
  'county-figures': '旗县报送数据',
  'township-figures': '苏木乡镇报送数据',
};

const KINDS_EN: Record<string, string> = {
  counties: 'Counties',
  townships: 'Townships',
  villages: 'Villages',
  figures: 'Village figures',
  alliances: 'Alliances',
  pairings: 'Pairings',
  projects: 'Industry projects',
  units: 'Assisting units',
  progress: 'Project progress',
  causes: 'Causes of poverty',
  findings: 'Inspection findings',
  'county-figures': 'County figures (reported)',
  'township-figures': 'Township figures (reported)',
};

const zhCN: ImportMessages = {
  title: '导入数据',
  intro: '选择或拖入文件（CSV、XLSX、GeoJSON、Shapefile 的 .zip），先预览检查；确认无误后再写入。写入是“全部或全不”：有一行出错就一行也不写。',
  backToAtlas: '返回地图',
  languageLabel: '语言',
  tokenLabel: '令牌（规划人员或管理员）',
  tokenHint: '由管理员用 pnpm run token --role planner 签发；只保存在本标签页中。',
  tokenMissing: '请先填写规划人员或管理员的令牌。',
  fileTitle: '文件',
  fileLabel: '选择文件',
  dropHint: '或把文件拖到这里',
  templatesLabel: '模板下载',
  templatesHint: '每种数据一个 XLSX 和 CSV 模板（中文表头、单位和一行示例）；边界另有 GeoJSON。',
  settingsTitle: '识别结果（可修改）',
  kindLabel: '数据类型',
  kindDetected: (kind) => `自动识别为：${kind}`,
  kindUnknown: '无法识别，请选择',
  encodingLabel: '文字编码',
  encodingAuto: (found) => `自动（${found ?? '—'}）`,
  headerRowLabel: '表头所在行',
  headerRowAuto: (found) => (found === null ? '自动' : `自动（第 ${found} 行）`),
  crsLabel: '坐标系',
  fileCrs: (crs) => `文件自带坐标系：${crs}`,
  demoRegionLabel: '数据库中是演示地区，本文件属于另一个盟市',
  demoRegionReplace: '删除演示地区，换成本文件的地区（需管理员令牌，写入审计日志）',
  demoRegionKeep: '两个地区并存（地图一次显示一个地区，默认代码较小的盟市，可在地图上切换）',
  mappingTitle: '列对应',
  mappingField: '字段',
  mappingColumn: '文件中的列',
  mappingNone: '（无此列）',
  mappingChosen: '已手动指定',
  rowsTitle: (shown) => `前 ${shown} 行`,
  rowNumber: '行号',
  mapTitle: (count) => `图形预览（前 ${count} 个）`,
  mapLabel: '导入文件中图形的预览地图',
  noGeometry: '此文件没有图形。',
  reportTitle: '检查报告',
  checking: '正在检查……',
  summary: (s) => `读取 ${s.read} ${s.unit}，有问题 ${s.rejected} ${s.unit}；将新增 ${s.inserted}、更新 ${s.updated}。`,
  wouldWrite: '预览不写入任何数据。',
  nothingWritten: '没有写入任何数据（全部或全不）：请改正下列问题后重新导入。',
  written: (inserted, updated) => `已写入：新增 ${inserted}、更新 ${updated}。所有打开的地图会随之更新。`,
  noProblems: '没有发现问题。',
  problemsTitle: (count) => `问题（${count} 条）`,
  repairedTitle: (count) => `已修复的图形（${count} 个）`,
  problemRow: '行',
  problemArea: '地区',
  problemField: '列',
  problemReason: '问题',
  warningsTitle: '提醒',
  notesTitle: '读取说明',
  fileProblem: '整个文件',
  commit: '写入数据库',
  commitHint: '有问题时不能写入；请先改正文件。',
  committing: '正在写入……',
  progress: (rows, share) => `已读取 ${rows} 行${share === null ? '' : `（${Math.round(share * 100)}%）`}`,
  done: '完成',
  openAtlas: '打开地图查看',
  fullReport: '完整报告（文本）',
  error: (message) => `出错了：${message}`,
  kinds: KINDS_ZH,
  crses: { wgs84: 'WGS-84（GPS、天地图）', gcj02: 'GCJ-02（高德、腾讯）', bd09: 'BD-09（百度）' },
  unit: (unit) => (unit === 'feature' ? '个图形' : '行'),
};

const en: ImportMessages = {
  title: 'Import data',
  intro: 'Pick or drop a file (CSV, XLSX, GeoJSON, a zipped Shapefile) and check the preview; then write it. Writing is all-or-nothing: if one row is wrong, no row is written.',
  backToAtlas: 'Back to the map',
  languageLabel: 'Language',
  tokenLabel: 'Token (planner or admin)',
  tokenHint: 'Minted by an admin with pnpm run token --role planner; kept in this tab only.',
  tokenMissing: 'Enter a planner or admin token first.',
  fileTitle: 'File',
  fileLabel: 'Choose a file',
  dropHint: 'or drop a file here',
  templatesLabel: 'Templates',
  templatesHint: 'An XLSX and a CSV template per kind (Chinese headers, units and one example row); boundaries also as GeoJSON.',
  settingsTitle: 'As detected (can be changed)',
  kindLabel: 'Kind of data',
  kindDetected: (kind) => `Detected: ${kind}`,
  kindUnknown: 'Not recognised: choose one',
  encodingLabel: 'Text encoding',
  encodingAuto: (found) => `Automatic (${found ?? '—'})`,
  headerRowLabel: 'Header row',
  headerRowAuto: (found) => (found === null ? 'Automatic' : `Automatic (row ${found})`),
  crsLabel: 'Coordinates',
  fileCrs: (crs) => `The file's own CRS: ${crs}`,
  demoRegionLabel: 'The database holds the demo region; this file is of another prefecture',
  demoRegionReplace: 'Remove the demo region and put this one in its place (needs an admin token; audited)',
  demoRegionKeep: 'Keep both (the atlas shows one region at a time, the lower code first, and offers the other)',
  mappingTitle: 'Columns',
  mappingField: 'Field',
  mappingColumn: 'Column in the file',
  mappingNone: '(none)',
  mappingChosen: 'chosen',
  rowsTitle: (shown) => `First ${shown} rows`,
  rowNumber: 'Row',
  mapTitle: (count) => `Geometry (first ${count})`,
  mapLabel: 'Map previewing the geometry of the file',
  noGeometry: 'This file has no geometry.',
  reportTitle: 'Report',
  checking: 'Checking…',
  summary: (s) => `Read ${s.read} ${s.unit}; ${s.rejected} with problems; would insert ${s.inserted}, update ${s.updated}.`,
  wouldWrite: 'A preview writes nothing.',
  nothingWritten: 'Nothing was written (all-or-nothing): fix the problems below and import again.',
  written: (inserted, updated) => `Written: ${inserted} inserted, ${updated} updated. Every open map updates.`,
  noProblems: 'No problems found.',
  problemsTitle: (count) => `Problems (${count})`,
  repairedTitle: (count) => `Repaired geometry (${count})`,
  problemRow: 'Row',
  problemArea: 'Area',
  problemField: 'Column',
  problemReason: 'Problem',
  warningsTitle: 'Warnings',
  notesTitle: 'How the file was read',
  fileProblem: 'whole file',
  commit: 'Write to the database',
  commitHint: 'A file with problems cannot be written; fix it first.',
  committing: 'Writing…',
  progress: (rows, share) => `${rows} rows read${share === null ? '' : ` (${Math.round(share * 100)} %)`}`,
  done: 'Done',
  openAtlas: 'Open the map',
  fullReport: 'Full report (text)',
  error: (message) => `Something went wrong: ${message}`,
  kinds: KINDS_EN,
  crses: { wgs84: 'WGS-84 (GPS, Tianditu)', gcj02: 'GCJ-02 (AMap, Tencent)', bd09: 'BD-09 (Baidu)' },
  unit: (unit) => (unit === 'feature' ? 'features' : 'rows'),
};

export const IMPORT_MESSAGES: Readonly<Record<Locale, ImportMessages>> = { 'zh-CN': zhCN, en };

export function kindName(m: ImportMessages, kind: string): string {
  return m.kinds[kind] ?? kind;
}
