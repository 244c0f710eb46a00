/**
 * The rules an inspection visit and its findings obey, as pure functions (the
 * API, the importer and the tests share them). Each returns the problems
 * found, each naming the field and saying, in Chinese, what is wrong with
 * which visit or finding.
 */
import type { Problem } from '../planning.js';
import type { IsoDate } from './finding-status.js';

/** The place a visit inspected: its county, and the township and village when it went that far down. */
export interface InspectedPlaceCodes {
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
}

export interface VisitFacts {
  inspectedOn: IsoDate;
  inspectingUnit: string;
}

export interface FindingFacts {
  description: string;
  responsibleUnit: string;
  deadline: IsoDate;
  rectifiedOn: IsoDate | null;
  evidence: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a real calendar day written yyyy-mm-dd, from 2000 to 2100. */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(Date.UTC(y, mo - 1, d));
  return y >= 2000 && y <= 2100 && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** How a visit is named in messages: 督查（2025-03-10，盟委督查室）. */
export function visitLabel(v: VisitFacts): string {
  return `督查（${v.inspectedOn}，${v.inspectingUnit.trim() || '未填督查单位'}）`;
}

/** How a finding is named in messages: its number and the start of its description. */
export function findingLabel(f: Pick<FindingFacts, 'description'>, id?: number | string): string {
  const text = f.description.trim();
  const short = text.length > 16 ? `${text.slice(0, 16)}…` : text;
  return `问题${id !== undefined ? ` ${id}` : ''}「${short || '（无描述）'}」`;
}

function level(code: string): 'county' | 'township' | 'village' {
  if (code.endsWith('000000')) return 'county';
  return code.endsWith('000') ? 'township' : 'village';
}

/**
 * A visit's place is a county, a township in it, or a village in that
 * township: each code is the right level and lies within the one above.
 */
export function checkInspectedPlace(p: InspectedPlaceCodes, field = 'placeCode'): Problem[] {
  const problems: Problem[] = [];
  if (!/^\d{12}$/.test(p.countyCode) || level(p.countyCode) !== 'county') problems.push({ field, reason: `旗县代码 ${p.countyCode} 不是 12 位旗县级代码` });
  if (p.townshipCode !== null) {
    if (!/^\d{12}$/.test(p.townshipCode) || level(p.townshipCode) !== 'township') problems.push({ field, reason: `苏木乡镇代码 ${p.townshipCode} 不是 12 位乡级代码` });
    else if (p.townshipCode.slice(0, 6) !== p.countyCode.slice(0, 6)) problems.push({ field, reason: `苏木乡镇 ${p.townshipCode} 不在旗县 ${p.countyCode} 内` });
  }
  if (p.villageCode !== null) {
    if (p.townshipCode === null) problems.push({ field, reason: `嘎查村 ${p.villageCode} 须注明所在苏木乡镇` });
    else if (!/^\d{12}$/.test(p.villageCode) || level(p.villageCode) !== 'village') problems.push({ field, reason: `嘎查村代码 ${p.villageCode} 不是 12 位村级代码` });
    else if (p.villageCode.slice(0, 9) !== p.townshipCode.slice(0, 9)) problems.push({ field, reason: `嘎查村 ${p.villageCode} 不在苏木乡镇 ${p.townshipCode} 内` });
  }
  return problems;
}

/** A visit has a real date and names the unit that inspected. */
export function checkVisit(v: VisitFacts, prefix = ''): Problem[] {
  const problems: Problem[] = [];
  const label = visitLabel(v);
  if (!isIsoDate(v.inspectedOn)) problems.push({ field: `${prefix}inspectedOn`, reason: `${label}：督查日期须为 2000 至 2100 年间的日期（yyyy-mm-dd）` });
  if (v.inspectingUnit.trim().length === 0) problems.push({ field: `${prefix}inspectingUnit`, reason: `${label}：须填写督查单位` });
  return problems;
}

/**
 * A finding of a visit: described, with a responsible unit; its deadline not
 * before the visit; a rectification dated between the visit and today, and
 * then with its evidence (整改佐证).
 */
export function checkFinding(visit: VisitFacts, f: FindingFacts, today: IsoDate, prefix = '', id?: number | string): Problem[] {
  const problems: Problem[] = [];
  const label = `${visitLabel(visit)}的${findingLabel(f, id)}`;
  if (f.description.trim().length === 0) problems.push({ field: `${prefix}description`, reason: `${label}：须填写问题描述` });
  if (f.responsibleUnit.trim().length === 0) problems.push({ field: `${prefix}responsibleUnit`, reason: `${label}：须填写责任单位` });
  if (!isIsoDate(f.deadline)) problems.push({ field: `${prefix}deadline`, reason: `${label}：整改时限须为 2000 至 2100 年间的日期（yyyy-mm-dd）` });
  else if (isIsoDate(visit.inspectedOn) && f.deadline < visit.inspectedOn) {
    problems.push({ field: `${prefix}deadline`, reason: `${label}：整改时限 ${f.deadline} 早于督查日期 ${visit.inspectedOn}` });
  }
  problems.push(...checkRectification(visit, f, today, prefix, label));
  return problems;
}

/** A rectification: dated, not before the visit, not in the future, with its evidence. */
export function checkRectification(visit: VisitFacts, f: Pick<FindingFacts, 'rectifiedOn' | 'evidence'>, today: IsoDate, prefix: string, label: string): Problem[] {
  if (f.rectifiedOn === null) return [];
  const problems: Problem[] = [];
  if (!isIsoDate(f.rectifiedOn)) problems.push({ field: `${prefix}rectifiedOn`, reason: `${label}：整改完成日期须为 2000 至 2100 年间的日期（yyyy-mm-dd）` });
  else if (isIsoDate(visit.inspectedOn) && f.rectifiedOn < visit.inspectedOn) {
    problems.push({ field: `${prefix}rectifiedOn`, reason: `${label}：整改完成日期 ${f.rectifiedOn} 早于督查日期 ${visit.inspectedOn}` });
  } else if (f.rectifiedOn > today) problems.push({ field: `${prefix}rectifiedOn`, reason: `${label}：整改完成日期 ${f.rectifiedOn} 晚于今天 ${today}` });
  if ((f.evidence ?? '').trim().length === 0) problems.push({ field: `${prefix}evidence`, reason: `${label}：标记为已整改须提供整改佐证` });
  return problems;
}

/** Today as an ISO date (UTC). */
export function todayIso(now: Date = new Date()): IsoDate {
  return now.toISOString().slice(0, 10);
}
