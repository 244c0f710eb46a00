/**
 * The warnings of a year (预警): every rule's query (warnings-sql.ts) turned
 * into warnings that name their place, their evidence (figures and a Chinese
 * and an English sentence) and who is responsible: the village's assisting
 * units, its work team's dispatching unit and its township (a township's or
 * county's own warning names that area; a finding names the unit it was
 * given to, a fund the unit that pledged it).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { asOfDate } from '../inspection/finding-status.js';
import { classifyStrength, povertyIncidence, povertyStatus, type Thresholds, type WeakReason } from '../rules.js';
import type { BranchRating } from '../enums.js';
import { PROJECT_STAGES, type ProjectStage } from '../project/project-stage.js';
import { daysBetween, deliveredPercent, projectNoPoorBenefit, type NoPoorBenefitReason } from './rules.js';
import { WARNING_LEVELS, WARNING_RULES, type WarningLevel, type WarningRule, type WarningSettings } from './settings.js';
import { placePoints, responsibleUnits, warningRows, type WarningRow } from './warnings-sql.js';

export type WarningScope = 'VILLAGE' | 'TOWNSHIP' | 'COUNTY';
export type SubjectKind = 'PAIRING' | 'PROJECT' | 'FUND' | 'FINDING';
export type ResponsibleKind = 'ASSISTING_UNIT' | 'WORK_TEAM' | 'TOWNSHIP' | 'COUNTY' | 'FINDING_UNIT';

export interface Place {
  code: string;
  name: string;
  nameEn: string;
}

export interface WarningFigure {
  key: string;
  value: number | null;
  text: string | null;
}

export interface Responsible {
  kind: ResponsibleKind;
  name: string;
  /** the assisting unit's id, or the township's or county's code */
  ref: string | null;
}

export interface Warning {
  /** stable within a year: rule, year, place and subject */
  id: string;
  rule: WarningRule;
  level: WarningLevel;
  year: number;
  scope: WarningScope;
  /** the code of the place itself (village, township or county) */
  areaCode: string;
  county: Place;
  township: Place | null;
  village: Place | null;
  subject: { kind: SubjectKind; id: number; name: string } | null;
  figures: WarningFigure[];
  message: string;
  messageEn: string;
  responsible: Responsible[];
  /** where to mark it on a map: the village, or a point inside the township or county (WGS 84); null when unknown */
  longitude: number | null;
  latitude: number | null;
}

const SUBJECT_KIND: Partial<Record<WarningRule, SubjectKind>> = {
  HELPER_WEAK: 'PAIRING',
  PROJECT_NO_POOR_BENEFIT: 'PROJECT',
  FUNDS_BELOW_COMMITMENT: 'FUND',
  FINDING_OVERDUE: 'FINDING',
};

const WEAK_REASON_TEXT: Record<WeakReason, [string, string]> = {
  WEAK_COLLECTIVE_ECONOMY: ['集体经济薄弱', 'weak collective economy'],
  SOFT_LAX_BRANCH: ['党组织软弱涣散', 'soft and lax branch'],
  LAGGING_BRANCH: ['党组织后进', 'lagging branch'],
  POOR_NOT_EXITED: ['贫困村未出列', 'poor village not yet exited'],
};
const STAGE_TEXT: Record<ProjectStage, [string, string]> = { PLANNED: ['规划', 'planned'], BUILDING: ['在建', 'building'], OPERATING: ['投产', 'operating'], EFFECTIVE: ['见效', 'effective'] };

/** The stage a warning statement read (`project_year.stage`; null when the year has no progress row). */
function stageOf(value: unknown): ProjectStage | null {
  if (value === null || value === undefined) return null;
  const stage = PROJECT_STAGES.find((s) => s === value);
  if (!stage) throw new Error(`project stage "${String(value)}" read from project_year is not one of ${PROJECT_STAGES.join(', ')}`);
  return stage;
}

const n = (v: unknown): number => Number(v);
const fixed = (v: number, d = 2) => v.toFixed(d);
const num = (key: string, value: number | null): WarningFigure => ({ key, value, text: null });
const txt = (key: string, text: string | null): WarningFigure => ({ key, value: null, text });

function placeOf(r: WarningRow): { scope: WarningScope; areaCode: string; county: Place; township: Place | null; village: Place | null } {
  const county = { code: r.county_code, name: r.county_name, nameEn: r.county_name_en };
  const township = r.township_code ? { code: r.township_code, name: r.township_name!, nameEn: r.township_name_en! } : null;
  const village = r.village_code ? { code: r.village_code, name: r.village_name!, nameEn: r.village_name_en! } : null;
  const scope: WarningScope = village ? 'VILLAGE' : township ? 'TOWNSHIP' : 'COUNTY';
  return { scope, areaCode: (village ?? township ?? county).code, county, township, village };
}

/** Why a village (its figures in f) is weak, from the one strength rule. */
function weakReasons(f: Record<string, unknown>, year: number, t: Thresholds): WeakReason[] {
  const status = povertyStatus({ isPoorVillage: Boolean(f.isPoorVillage), exitedYear: f.exitedYear == null ? null : n(f.exitedYear) }, year);
  return classifyStrength({ collectiveIncome: n(f.collectiveIncome), softLax: Boolean(f.softLax), branchRating: f.branchRating as BranchRating, status }, t)?.reasons ?? [];
}

interface Evidence {
  figures: WarningFigure[];
  message: string;
  messageEn: string;
}

/** The evidence of one row of `rule`: its figures and sentences about the place named `zh` / `en`. */
function evidence(rule: WarningRule, r: WarningRow, year: number, ctx: { t: Thresholds; s: WarningSettings }, zh: string, en: string): Evidence {
  const f = r.f;
  switch (rule) {
    case 'RETURN_RISK': {
      const cur = povertyIncidence(n(f.poorPopulation), n(f.ruralPopulation));
      const prev = povertyIncidence(n(f.previousPoorPopulation), n(f.previousRuralPopulation));
      const rise = cur !== null && prev !== null ? cur - prev : null;
      const people = n(f.poorPopulation) - n(f.previousPoorPopulation);
      const pct = (v: number | null) => (v === null ? '—' : `${fixed(v)}%`);
      return {
        figures: [num('incidence', cur), num('previousIncidence', prev), num('incidenceRise', rise), num('poorPopulation', n(f.poorPopulation)),
          num('previousPoorPopulation', n(f.previousPoorPopulation)), num('poorPopulationRise', people),
          num('incidenceRiseThreshold', ctx.s.returnRiskIncidencePoints), num('poorPopulationRiseThreshold', ctx.s.returnRiskPoorPopulation)],
        message: `${zh}贫困发生率由${year - 1}年的${pct(prev)}变为${year}年的${pct(cur)}（${rise === null ? '无法比较' : `升${fixed(rise)}个百分点`}），贫困人口由${f.previousPoorPopulation}人变为${f.poorPopulation}人（${people >= 0 ? '增' : '减'}${Math.abs(people)}人），有返贫风险。`,
        messageEn: `${en}: poverty incidence went from ${pct(prev)} in ${year - 1} to ${pct(cur)} in ${year} (${rise === null ? 'not comparable' : `${rise >= 0 ? '+' : ''}${fixed(rise)} points`}) and the poor population from ${f.previousPoorPopulation} to ${f.poorPopulation} (${people >= 0 ? '+' : ''}${people}): a risk of falling back into poverty.`,
      };
    }
    case 'WEAK_UNPAIRED': {
      const reasons = weakReasons(f, year, ctx.t);
      return {
        figures: [num('collectiveIncome', n(f.collectiveIncome)), txt('weakReasons', reasons.join(','))],
        message: `${zh}在${year}年为弱村（${reasons.map((x) => WEAK_REASON_TEXT[x][0]).join('、')}），没有结对帮扶。`,
        messageEn: `${en} is weak in ${year} (${reasons.map((x) => WEAK_REASON_TEXT[x][1]).join(', ')}) and no pairing helps it.`,
      };
    }
    case 'HELPER_WEAK': {
      const reasons = weakReasons(f, year, ctx.t);
      return {
        figures: [txt('helperVillageCode', String(f.helperVillageCode)), num('helperCollectiveIncome', n(f.collectiveIncome)), txt('helperWeakReasons', reasons.join(','))],
        message: `${zh}的帮扶村${f.helperVillageName}在${year}年为弱村（${reasons.map((x) => WEAK_REASON_TEXT[x][0]).join('、')}），帮扶力量不足。`,
        messageEn: `${en}: its helper village ${f.helperVillageNameEn} is weak in ${year} (${reasons.map((x) => WEAK_REASON_TEXT[x][1]).join(', ')}).`,
      };
    }
    case 'SOFT_LAX_REPEATED':
      return {
        figures: [num('years', n(f.years)), num('since', n(f.since)), num('yearsThreshold', ctx.s.softLaxYears)],
        message: `${zh}党组织自${f.since}年起连续${f.years}年软弱涣散。`,
        messageEn: `${en}: the party branch has been soft and lax ${f.years} years running, since ${f.since}.`,
      };
    case 'POOR_VILLAGE_UNSTAFFED':
      return {
        figures: [num('poorPopulation', n(f.poorPopulation)), num('workTeams', 0)],
        message: `${zh}为未出列贫困村（贫困人口${f.poorPopulation}人），${year}年没有驻村工作队和第一书记。`,
        messageEn: `${en} is a poor village not yet exited (${f.poorPopulation} poor people) with no work team or first secretary in ${year}.`,
      };
    case 'PROJECT_NO_POOR_BENEFIT': {
      const stage = stageOf(f.stage);
      const reasons: NoPoorBenefitReason[] = projectNoPoorBenefit({ beneficiaryPoorHouseholds: n(f.beneficiaryPoorHouseholds), stage, dividendsPoor: f.dividendsPoor == null ? null : n(f.dividendsPoor) });
      const zhParts = reasons.map((x) => (x === 'NO_POOR_BENEFICIARIES' ? '没有贫困受益户' : `已${STAGE_TEXT[stage!][0]}但${year}年未向贫困户分红`));
      const enParts = reasons.map((x) => (x === 'NO_POOR_BENEFICIARIES' ? 'has no poor beneficiary households' : `is ${STAGE_TEXT[stage!][1]} but paid poor households no dividend in ${year}`));
      return {
        figures: [num('beneficiaryPoorHouseholds', n(f.beneficiaryPoorHouseholds)), txt('stage', stage), num('dividendsPoor', f.dividendsPoor == null ? null : n(f.dividendsPoor)), txt('reasons', reasons.join(','))],
        message: `${zh}的项目“${r.subject_name}”${zhParts.join('，且')}。`,
        messageEn: `${en}: the project "${r.subject_name}" ${enParts.join(' and ')}.`,
      };
    }
    case 'FUNDS_BELOW_COMMITMENT': {
      const delivered = n(f.delivered);
      const committed = n(f.committed);
      const share = deliveredPercent(delivered, committed);
      return {
        figures: [num('delivered', delivered), num('committed', committed), num('deliveredPercent', share), num('percentThreshold', ctx.s.fundsBelowPercent)],
        message: `${f.unitName}在${year}年对${zh}的帮扶资金到位${fixed(delivered)}万元，为承诺${fixed(committed)}万元的${fixed(share, 1)}%，低于${ctx.s.fundsBelowPercent}%。`,
        messageEn: `${f.unitName} delivered ¥${fixed(delivered * 10, 1)}k to ${en} in ${year}, ${fixed(share, 1)} % of the ¥${fixed(committed * 10, 1)}k it committed (below ${ctx.s.fundsBelowPercent} %).`,
      };
    }
    case 'FINDING_OVERDUE': {
      const deadline = String(f.deadline).slice(0, 10);
      const asOf = String(f.asOf).slice(0, 10);
      const days = daysBetween(deadline, asOf);
      return {
        figures: [txt('category', String(f.category)), txt('deadline', deadline), txt('asOf', asOf), num('daysOverdue', days), txt('responsibleUnit', String(f.responsibleUnit))],
        message: `${zh}督查问题“${r.subject_name}”整改期限为${deadline}，截至${asOf}仍未整改，逾期${days}天（责任单位：${f.responsibleUnit}）。`,
        messageEn: `${en}: the inspection finding "${r.subject_name}" was due for rectification on ${deadline} and is still open on ${asOf}, ${days} days overdue (responsible: ${f.responsibleUnit}).`,
      };
    }
  }
}

/** The leading digits a place's code must start with to lie in the area (prefecture, county, township or village code). */
export function areaPrefix(code: string | null | undefined): string {
  if (!code) return '';
  if (/^\d{4}0{8}$/.test(code)) return code.slice(0, 4);
  if (/^\d{6}0{6}$/.test(code)) return code.slice(0, 6);
  if (/^\d{9}000$/.test(code)) return code.slice(0, 9);
  return code;
}

export interface WarningsInput {
  year: number;
  areaCode?: string | null;
  settings: WarningSettings;
  thresholds: Thresholds;
  /** the day the year is judged on; default asOfDate(year) */
  asOf?: string;
  /** only these rules (default all) */
  rules?: readonly WarningRule[];
}

/** Most severe first, then in the rules' order, then by place and subject. */
export function compareWarnings(a: Warning, b: Warning): number {
  return (
    WARNING_LEVELS.indexOf(a.level) - WARNING_LEVELS.indexOf(b.level) ||
    WARNING_RULES.indexOf(a.rule) - WARNING_RULES.indexOf(b.rule) ||
    (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0) ||
    (a.subject?.id ?? 0) - (b.subject?.id ?? 0)
  );
}

/** Every warning of the year in the area, sorted (compareWarnings). */
export async function computeWarnings(em: EntityManager, input: WarningsInput): Promise<Warning[]> {
  const q = { year: input.year, prefix: areaPrefix(input.areaCode), settings: input.settings, thresholds: input.thresholds, asOf: input.asOf ?? asOfDate(input.year) };
  const rules = input.rules ?? WARNING_RULES;
  const warnings: Warning[] = [];
  // One after another: a request holds one connection.
  for (const rule of rules) {
    for (const r of await warningRows(em, rule, q)) {
      const place = placeOf(r);
      const zh = place.village ? place.village.name : place.township ? place.township.name : place.county.name;
      const en = place.village ? place.village.nameEn : place.township ? place.township.nameEn : place.county.nameEn;
      const e = evidence(rule, r, input.year, { t: input.thresholds, s: input.settings }, zh, en);
      const kind = SUBJECT_KIND[rule];
      warnings.push({
        id: `${rule}:${input.year}:${place.areaCode}${kind ? `:${r.subject_id}` : ''}`,
        rule,
        level: input.settings.levels[rule],
        year: input.year,
        ...place,
        subject: kind ? { kind, id: n(r.subject_id), name: String(r.subject_name) } : null,
        ...e,
        responsible: firstResponsible(rule, r),
        longitude: null,
        latitude: null,
      });
    }
  }
  await addResponsible(em, warnings, input.year);
  const points = new Map((await placePoints(em, [...new Set(warnings.map((w) => w.areaCode))])).map((p) => [p.code, [p.lon, p.lat] as [number, number]]));
  for (const w of warnings) [w.longitude, w.latitude] = points.get(w.areaCode) ?? [null, null];
  return warnings.sort(compareWarnings);
}

/** The unit a rule's subject names (a finding's responsible unit, the unit whose fund is short). */
function firstResponsible(rule: WarningRule, r: WarningRow): Responsible[] {
  if (rule === 'FINDING_OVERDUE') return [{ kind: 'FINDING_UNIT', name: String(r.f.responsibleUnit), ref: null }];
  if (rule === 'FUNDS_BELOW_COMMITMENT') return [{ kind: 'ASSISTING_UNIT', name: String(r.f.unitName), ref: String(r.f.unitId) }];
  return [];
}

/** A village's assisting units and work teams' dispatching units, then its township; an area's warning names the area. */
async function addResponsible(em: EntityManager, warnings: Warning[], year: number): Promise<void> {
  const villages = [...new Set(warnings.flatMap((w) => (w.village ? [w.village.code] : [])))];
  const units = new Map<string, Responsible[]>();
  for (const row of await responsibleUnits(em, villages, year)) {
    const list = units.get(row.village_code) ?? [];
    list.push({ kind: row.kind, name: row.name, ref: String(row.unit_id) });
    units.set(row.village_code, list);
  }
  for (const w of warnings) {
    const more: Responsible[] = w.village ? [...(units.get(w.village.code) ?? [])] : [];
    if (w.township) more.push({ kind: 'TOWNSHIP', name: w.township.name, ref: w.township.code });
    else more.push({ kind: 'COUNTY', name: w.county.name, ref: w.county.code });
    for (const r of more) if (!w.responsible.some((x) => x.kind === r.kind && x.ref === r.ref && x.name === r.name)) w.responsible.push(r);
  }
}

