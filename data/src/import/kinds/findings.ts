/**
 * 督查问题清单 as an inspection office keeps it: one row per finding, with
 * its visit on the same row (督查日期, 督查单位, 被督查单位代码). Rows with
 * the same date, unit and place are one visit. A finding is known by its
 * visit and its description, so re-importing a list changes nothing and a
 * later list with 整改完成日期 filled in closes the findings it names.
 * The place is a county, township or village code; whether it exists, and
 * the date rules, are the server's checks (rules of server/src/domain/inspection).
 */
import { FINDING_CATEGORIES, type FindingCategory } from '../../records.js';
import { parseEnum, shown, text, type Parsed } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, plainText, reader } from './built.js';
import type { KindSpec } from './kind.js';

export interface FindingImport {
  inspectedOn: string;
  inspectingUnit: string;
  /** the county, township or village inspected */
  placeCode: string;
  category: FindingCategory;
  description: string;
  responsibleUnit: string;
  deadline: string;
  rectifiedOn: string | null;
  evidence: string | null;
}

/** The categories as inspectors write them. */
export const CATEGORY_NAMES: Record<string, FindingCategory> = {
  基层党建: 'PARTY_BUILDING',
  党建: 'PARTY_BUILDING',
  扶贫资金: 'FUNDS',
  资金: 'FUNDS',
  项目管理: 'PROJECTS',
  项目: 'PROJECTS',
  驻村帮扶: 'ASSISTANCE',
  帮扶: 'ASSISTANCE',
  政策落实: 'POLICY',
  政策: 'POLICY',
  作风问题: 'CONDUCT',
  作风: 'CONDUCT',
};

/** The header the export writes first for each category, then the rest. */
export const CATEGORY_ZH: Record<FindingCategory, string> = {
  PARTY_BUILDING: '基层党建',
  FUNDS: '扶贫资金',
  PROJECTS: '项目管理',
  ASSISTANCE: '驻村帮扶',
  POLICY: '政策落实',
  CONDUCT: '作风问题',
};

const pad = (n: string) => n.padStart(2, '0');

/** Excel's day numbers of 2000-01-01 and 2100-12-31 (day 1 = 1900-01-01, counted from 1899-12-30 for its leap-year slip). */
const EXCEL_DAYS = { from: 36526, to: 73415 } as const;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A day as offices write it: 2025-03-10, 2025/3/10, 2025.3.10, 2025年3月10日,
 * or a spreadsheet's date cell (the XLSX reader gives its day number);
 * given back as yyyy-mm-dd (reasons in Chinese).
 */
export function parseDay(raw: unknown): Parsed<string> {
  if (raw instanceof Date && !Number.isNaN(raw.getTime())) return { ok: true, value: raw.toISOString().slice(0, 10) };
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= EXCEL_DAYS.from && raw <= EXCEL_DAYS.to) {
    return { ok: true, value: new Date(EXCEL_EPOCH + raw * 86_400_000).toISOString().slice(0, 10) };
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text(raw));
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) return { ok: true, value: `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}` };
  }
  return { ok: false, reason: `${shown(raw)} 不是日期（应为 2025-03-10、2025/3/10 或 2025年3月10日）` };
}

/** A county, township or village code, whichever level it is. */
export function parsePlaceCode(raw: unknown): Parsed<string> {
  for (const level of ['village', 'township', 'county'] as const) {
    const p = parseDivisionCode(raw, level);
    if (p.ok) return p;
  }
  return { ok: false, reason: `${shown(raw)} 不是旗县、苏木乡镇或嘎查村的 12 位统计用区划代码` };
}

const required = (what: string) => (raw: unknown): Parsed<string> => {
  const s = text(raw);
  return s ? { ok: true, value: s } : { ok: false, reason: `须填写${what}` };
};

/** A category by its Chinese name or its code. */
export function parseCategory(raw: unknown): Parsed<FindingCategory> {
  const p = parseEnum(raw, FINDING_CATEGORIES, CATEGORY_NAMES);
  return p.ok ? p : { ok: false, reason: `${shown(raw)} 不是问题类别（应为 ${Object.values(CATEGORY_ZH).join('、')} 之一）` };
}

/** The visit a row belongs to: its date, unit and place. */
export function visitKey(f: Pick<FindingImport, 'inspectedOn' | 'inspectingUnit' | 'placeCode'>): string {
  return `${f.inspectedOn} ${f.inspectingUnit} @${f.placeCode}`;
}

export const findings: KindSpec<FindingImport> = {
  kind: 'findings',
  keyField: 'description',
  aliases: {
    inspectedOn: ['督查日期', '检查日期', '督查时间', 'inspectedOn', 'date'],
    inspectingUnit: ['督查单位', '督查组', '检查单位', 'inspectingUnit', 'inspector'],
    placeCode: ['被督查单位代码', '被督查单位', '被检查单位代码', '区划代码', 'placeCode', 'place', 'code'],
    category: ['问题类别', '问题类型', 'category'],
    description: ['问题描述', '存在问题', '问题', 'description', 'finding'],
    responsibleUnit: ['责任单位', '整改责任单位', 'responsibleUnit'],
    deadline: ['整改时限', '整改期限', '完成时限', 'deadline'],
    rectifiedOn: ['整改完成日期', '完成日期', '销号日期', 'rectifiedOn'],
    evidence: ['整改佐证', '佐证材料', '整改情况', 'evidence'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const record: FindingImport = {
      inspectedOn: r.required('inspectedOn', parseDay) ?? '',
      inspectingUnit: r.required('inspectingUnit', required('督查单位')) ?? '',
      placeCode: r.required('placeCode', parsePlaceCode) ?? '',
      category: r.required('category', parseCategory) ?? 'POLICY',
      description: r.required('description', required('问题描述')) ?? '',
      responsibleUnit: r.required('responsibleUnit', required('责任单位')) ?? '',
      deadline: r.required('deadline', parseDay) ?? '',
      rectifiedOn: r.optional('rectifiedOn', parseDay, null as string | null),
      evidence: r.optional('evidence', (v) => plainText(v), null as string | null) || null,
    };
    const key = record.inspectedOn && record.inspectingUnit && record.placeCode && record.description ? `${visitKey(record)} ${record.description}` : null;
    return built(r, record, key);
  },
};
