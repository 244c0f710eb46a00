/**
 * `pnpm data:export --kind warnings [--year y] [--county code]`: a year's early
 * warnings (预警清单) as CSV (UTF-8 with BOM, so Excel on a Chinese Windows
 * opens it) with Chinese headers, as offices circulate such lists. Warnings
 * are computed from the figures and never stored, so there is no import of
 * this kind: it is not one of the importer's kinds (@lingyan/data IMPORT_KINDS).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Prefecture } from '../domain/entities.js';
import { LEVEL_NAMES, RULE_INFO } from '../domain/warning/settings.js';
import { warningSettingsOf } from '../domain/warning/settings.js';
import { computeWarnings, type Warning } from '../domain/warning/warnings.js';
import { latestFigureYear } from '../spatial/aggregates.js';
import { CHOSEN_PREFECTURE } from '../domain/region/chosen-prefecture.js';

export const WARNINGS_KIND = 'warnings';

export interface WarningsExportOptions {
  kind: typeof WARNINGS_KIND;
  format: 'csv';
  out: string;
  /** 12-digit county code, or null for the whole prefecture */
  county: string | null;
  /** null: the latest year with figures */
  year: number | null;
}

const RESPONSIBLE_KIND: Record<Warning['responsible'][number]['kind'], string> = {
  ASSISTING_UNIT: '帮扶单位',
  WORK_TEAM: '工作队派驻单位',
  TOWNSHIP: '苏木乡镇',
  COUNTY: '旗县',
  FINDING_UNIT: '整改责任单位',
};

/** The columns: Chinese header and the cell of a warning. */
export const WARNING_COLUMNS: Array<[header: string, cell: (w: Warning) => string | number]> = [
  ['年份', (w) => w.year],
  ['预警等级', (w) => LEVEL_NAMES[w.level].name],
  ['预警规则', (w) => RULE_INFO[w.rule].name],
  ['旗县代码', (w) => w.county.code],
  ['旗县', (w) => w.county.name],
  ['苏木乡镇代码', (w) => w.township?.code ?? ''],
  ['苏木乡镇', (w) => w.township?.name ?? ''],
  ['嘎查村代码', (w) => w.village?.code ?? ''],
  ['嘎查村', (w) => w.village?.name ?? ''],
  ['预警对象', (w) => w.subject?.name ?? ''],
  ['预警说明', (w) => w.message],
  ['责任主体', (w) => w.responsible.map((r) => `${RESPONSIBLE_KIND[r.kind]}：${r.name}`).join('；')],
  ['依据', (w) => w.figures.map((f) => `${f.key}=${f.value ?? f.text ?? ''}`).join('; ')],
];

/** A CSV field, quoted when it holds a comma, quote or line break. */
const field = (v: string | number) => {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The CSV text of warnings (BOM, header, one line each, CRLF). */
export function warningsCsv(warnings: readonly Warning[]): string {
  const lines = [WARNING_COLUMNS.map(([h]) => h), ...warnings.map((w) => WARNING_COLUMNS.map(([, cell]) => cell(w)))];
  return `\ufeff${lines.map((l) => l.map(field).join(',')).join('\r\n')}\r\n`;
}

export async function runWarningsExport(em: EntityManager, o: WarningsExportOptions): Promise<{ rows: number; seconds: number; year: number }> {
  const started = Date.now();
  const [prefecture] = await em.find(Prefecture, {}, CHOSEN_PREFECTURE);
  if (!prefecture) throw new Error('the database holds no prefecture: import or seed the region first');
  const year = o.year ?? (await latestFigureYear(em, prefecture?.code ?? '')) ?? new Date().getFullYear();
  const warnings = await computeWarnings(em, { year, areaCode: o.county, settings: warningSettingsOf(prefecture.ownWarningSettings), thresholds: prefecture.getThresholds() });
  const out = createWriteStream(o.out, { encoding: 'utf8' });
  try {
    out.write(warningsCsv(warnings));
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { rows: warnings.length, seconds: (Date.now() - started) / 1000, year };
}
