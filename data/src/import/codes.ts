/**
 * The 12-digit statistical division codes (统计用区划代码) and their levels:
 * county = 6 significant digits (then 000000), township = 9 (then 000),
 * village = 12. Lists from offices often carry the short forms (a 6-digit
 * county adcode, a 9-digit township code); those are padded with zeros.
 */
import { shown, text, type Parsed } from './cells.js';

export type DivisionLevel = 'county' | 'township' | 'village';

const SIGNIFICANT: Record<DivisionLevel, number> = { county: 6, township: 9, village: 12 };

const DESCRIBE: Record<DivisionLevel, string> = {
  county: 'a county code: 6 digits then 000000 (or the 6 digits alone)',
  township: 'a township code: 9 digits then 000 (or the 9 digits alone)',
  village: 'a village code: 12 digits not ending in 000',
};

export function parseDivisionCode(raw: unknown, level: DivisionLevel): Parsed<string> {
  const s = text(raw);
  const n = SIGNIFICANT[level];
  const padded = /^\d+$/.test(s) && s.length === n ? s.padEnd(12, '0') : s;
  const valid =
    /^\d{12}$/.test(padded) &&
    padded.slice(n) === '0'.repeat(12 - n) &&
    padded.slice(n - 3, n) !== '000' &&
    padded.slice(4, 6) !== '00';
  return valid ? { ok: true, value: padded } : { ok: false, reason: `${shown(raw)} is not ${DESCRIBE[level]}` };
}

/** The code of the unit one level up: a village's township, a township's county, a county's prefecture. */
export function parentCode(code: string, level: DivisionLevel): string {
  const keep = level === 'village' ? 9 : level === 'township' ? 6 : 4;
  return code.slice(0, keep).padEnd(12, '0');
}
