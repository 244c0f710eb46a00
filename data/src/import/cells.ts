/**
 * Turning one cell into a typed value, with a reason a person can act on when
 * it cannot be. Offices type numbers with thousands separators, in full-width
 * digits (２０１８, which look the same in Excel), write booleans as 是/否 and
 * leave cells empty; all of that is accepted here, and nothing else is guessed.
 * Reasons are coded messages (messages.ts): `reason` is their Chinese text.
 */
import { DEFAULT_LANG, formatMessage, message, type Message, type MessageCode, type MessageParams } from './messages.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; message?: Message };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** A refusal by message code; `reason` is the Chinese text of it. */
export function refuse(code: MessageCode, params?: MessageParams): Parsed<never> {
  const m = message(code, params);
  return { ok: false, reason: formatMessage(m, DEFAULT_LANG), message: m };
}

/** The cell as it reads, quoted and cut short, for a reason line. */
export function shown(raw: unknown): string {
  const s = String(raw);
  return `"${s.length > 24 ? `${s.slice(0, 24)}…` : s}"`;
}

export function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
}

export function text(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim() : String(raw);
}

/**
 * A cell meant as digits (a number, a code, a year) in half-width form: NFKC
 * turns full-width digits, signs, points and the ideographic space into
 * ASCII; the minus signs Word and WPS put in (− U+2212, – en dash) become '-'.
 */
export function halfWidth(raw: unknown): string {
  return text(raw).normalize('NFKC').replace(/[\u2212\u2013\uFE63]/g, '-').trim();
}

export function parseNumber(raw: unknown): Parsed<number> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : refuse('cell.notFinite');
  const s = halfWidth(raw).replace(/[,\s]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return refuse('cell.notNumber', { value: shown(raw) });
  return ok(Number(s));
}

export function parseInteger(raw: unknown): Parsed<number> {
  const n = parseNumber(raw);
  if (!n.ok) return n;
  return Number.isInteger(n.value) ? n : refuse('cell.notWhole', { value: shown(raw) });
}

/** The earliest year the hub holds figures for (the domain's YEAR_RANGE starts there too). */
export const FIRST_YEAR = 2000;

/** The latest year a reported figure can be for: next year (a plan may run ahead by one), never 2099. */
export const lastYear = (now: Date = new Date()): number => now.getUTCFullYear() + 1;

/** A year something happened or was reported for: a whole number from FIRST_YEAR to next year. */
export function parseYear(raw: unknown): Parsed<number> {
  const n = parseInteger(typeof raw === 'string' ? halfWidth(raw).replace(/年$/, '') : raw);
  if (!n.ok) return n;
  const max = lastYear();
  return n.value >= FIRST_YEAR && n.value <= max ? n : refuse('cell.yearOutOfRange', { value: shown(raw), min: FIRST_YEAR, max });
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是', '√', '✓', '有']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否', '×', '无', '不是']);

export function parseBoolean(raw: unknown): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const s = halfWidth(raw).toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return refuse('cell.notBoolean', { value: shown(raw) });
}

/** One of `values` by its own name (any case) or by a Chinese synonym in `synonyms`. */
export function parseEnum<E extends string>(raw: unknown, values: readonly E[], synonyms: Readonly<Record<string, E>> = {}): Parsed<E> {
  const s = text(raw);
  const upper = s.toUpperCase().replace(/[\s-]/g, '_');
  const hit = values.find((v) => v === upper) ?? synonyms[s];
  const names = Object.keys(synonyms);
  // Chinese names first: they are what a bureau writes; the codes are for the API.
  return hit ? ok(hit) : refuse('cell.notEnum', { value: shown(raw), values: names.length ? `${names.join('、')} / ${values.join(', ')}` : values.join(', ') });
}

/** Separators between the items of a list in one cell: ; ； , ， 、 or spaces. */
const LIST_SEPARATOR = /[;；,，、\s]+/;

/** A list in one cell (e.g. member village codes), each item parsed by `item`; the first bad item is the reason. */
export function parseList<T>(raw: unknown, item: (raw: string) => Parsed<T>): Parsed<T[]> {
  const values: T[] = [];
  for (const part of text(raw).split(LIST_SEPARATOR).filter((p) => p !== '')) {
    const p = item(part);
    if (!p.ok) return p;
    values.push(p.value);
  }
  return ok(values);
}

/** Amounts by year in one cell, "2019:20.5;2020:31" (also 2019=20.5, 2019：20.5, 2019: 20.5). */
export function parseYearAmounts(raw: unknown): Parsed<Array<{ year: number; amount: number }>> {
  // Commas and spaces separate items here, so "2019: 20.5" is one item and 1,000 is not a thousands separator.
  return parseList(halfWidth(raw).replace(/\s*([:=])\s*/g, '$1'), (part) => {
    const m = /^(\d{4})\s*[:=]\s*(.+)$/.exec(part);
    if (!m) return refuse('cell.notYearAmount', { value: shown(part) });
    const amount = parseNumber(m[2]);
    if (amount.ok) return ok({ year: Number(m[1]), amount: amount.value });
    return refuse('cell.yearAmountItem', { year: m[1]!, reason: amount.message ?? amount.reason });
  });
}
