/**
 * Units written in headers, as statistical sheets do: 集体经济收入（万元）,
 * 投资(元), 贫困发生率%, 比例（‰）. The header's name (without the unit)
 * is what is matched against a field's aliases; the unit says how to scale
 * the cells to the unit the hub keeps the field in (FIELD_UNITS).
 */
export type MoneyUnit = '元' | '千元' | '万元' | '亿元';
export type RatioUnit = '%' | '‰';
export type Unit = MoneyUnit | RatioUnit;

const SCALE: Record<Unit, number> = { 元: 1, 千元: 1e3, 万元: 1e4, 亿元: 1e8, '%': 1e-2, '‰': 1e-3 };
const GROUP: Record<Unit, 'money' | 'ratio'> = { 元: 'money', 千元: 'money', 万元: 'money', 亿元: 'money', '%': 'ratio', '‰': 'ratio' };

/** The unit the hub keeps each field in; fields not listed are counts, codes or text. */
export const FIELD_UNITS: Readonly<Record<string, Unit>> = {
  collectiveIncome: '万元',
  investmentTotal: '万元',
  investmentFiscal: '万元',
  investmentAssisting: '万元',
  investmentCollective: '万元',
  investmentEnterprise: '万元',
  investmentOther: '万元',
  plannedFiscal: '万元',
  plannedAssisting: '万元',
  plannedCollective: '万元',
  plannedEnterprise: '万元',
  plannedOther: '万元',
  deliveredFiscal: '万元',
  deliveredAssisting: '万元',
  deliveredCollective: '万元',
  deliveredEnterprise: '万元',
  deliveredOther: '万元',
  dividendsPoor: '万元',
  shareCapitalPoor: '万元',
};

/** Units of counts and the like: allowed in a header, never converted. */
const COUNT_UNITS = ['人', '户', '个', '名', '家', '项', '次', '亩', '年', '岁'];

const UNIT_WORD = `万元|千元|亿元|元|%|‰|${COUNT_UNITS.join('|')}`;
/** 名称（单位：万元） / 名称(万元) / 名称[%] / 名称/万元 / 名称% */
const BRACKETED = new RegExp(`^(.*?)\\s*[(\\[【]\\s*(?:单位\\s*[:：]?\\s*)?(${UNIT_WORD})\\s*[)\\]】]$`);
const TRAILING = new RegExp(`^(.*?)\\s*(?:[/／]\\s*(${UNIT_WORD})|(%|‰))$`);

export interface HeaderName {
  /** the header without its unit */
  name: string;
  /** the unit it states, if any (counts included) */
  unit: string | null;
}

/** The header split into its name and stated unit; full-width brackets and ％ read as ASCII. */
export function splitHeader(header: string): HeaderName {
  const h = header.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const m = BRACKETED.exec(h) ?? TRAILING.exec(h);
  if (!m || !m[1]) return { name: h, unit: null };
  return { name: m[1].trim(), unit: m[2] ?? m[3] ?? null };
}

export const isMoneyUnit = (unit: string): unit is MoneyUnit => unit in SCALE && GROUP[unit as Unit] === 'money';

export function isScalingUnit(unit: string | null): unit is Unit {
  return unit !== null && unit in SCALE;
}

/**
 * The factor from the header's unit to the field's: 元 → 万元 is 0.0001, % of
 * a field kept in ‰ is 10. null when the header states a unit that does not
 * fit the field (元 on a count, % on money); 1 when nothing is to convert.
 */
export function unitFactor(field: string, unit: string | null): number | null {
  const expected = FIELD_UNITS[field];
  if (!isScalingUnit(unit)) return 1;
  if (expected === undefined || GROUP[unit] !== GROUP[expected]) return null;
  return SCALE[unit] / SCALE[expected];
}

/** `value` times `factor`, without the binary noise of 12345 × 0.0001. */
export function scaled(value: number, factor: number): number {
  return factor === 1 ? value : Number((value * factor).toPrecision(12));
}
