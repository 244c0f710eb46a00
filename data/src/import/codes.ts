/**
 * The 12-digit statistical division codes (统计用区划代码) and their levels:
 * county = 6 significant digits (then 000000), township = 9 (then 000),
 * village = 12. Lists from offices often carry the short forms (a 6-digit
 * county adcode, a 9-digit township code); those are padded with zeros.
 */
import { halfWidth, refuse, shown, type Parsed } from './cells.js';
import type { MessageCode } from './messages.js';

export type DivisionLevel = 'county' | 'township' | 'village';

const SIGNIFICANT: Record<DivisionLevel, number> = { county: 6, township: 9, village: 12 };

const NOT: Record<DivisionLevel, MessageCode> = { county: 'code.notCounty', township: 'code.notTownship', village: 'code.notVillage' };

/** How Excel shows a long number it took a code for: 1.5253E+11 (digits lost when saved as CSV). */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;

/**
 * A division code at `level`. Full-width digits are read as digits; a code
 * in an XLSX cell formatted as a number arrives as a number and is exact (up
 * to 15 digits), so it is taken; the text "1.5253E+11" (what such a cell
 * becomes in a CSV) has lost digits and is refused with the fix.
 */
export function parseDivisionCode(raw: unknown, level: DivisionLevel): Parsed<string> {
  const s = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : halfWidth(raw).replace(/\s/g, '');
  if (SCIENTIFIC.test(s)) return refuse('cell.scientific', { value: shown(raw) });
  const n = SIGNIFICANT[level];
  const padded = /^\d+$/.test(s) && s.length === n ? s.padEnd(12, '0') : s;
  const valid =
    /^\d{12}$/.test(padded) &&
    padded.slice(n) === '0'.repeat(12 - n) &&
    padded.slice(n - 3, n) !== '000' &&
    padded.slice(4, 6) !== '00';
  if (valid) return { ok: true, value: padded };
  // Digits of no code's length: cut short or changed, by hand or by Excel taking the column for numbers.
  if (/^\d+$/.test(s) && ![6, 9, 12].includes(s.length)) return refuse('code.wrongLength', { value: shown(raw), digits: s.length });
  return refuse(NOT[level], { value: shown(raw) });
}

/** The code of the unit one level up: a village's township, a township's county, a county's prefecture. */
export function parentCode(code: string, level: DivisionLevel): string {
  const keep = level === 'village' ? 9 : level === 'township' ? 6 : 4;
  return code.slice(0, keep).padEnd(12, '0');
}
