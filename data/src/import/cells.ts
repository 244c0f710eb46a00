/**
 * Turning one cell into a typed value, with a reason a person can act on when
 * it cannot be. Offices type numbers with thousands separators, write
 * booleans as 是/否 and leave cells empty; all of that is accepted here, and
 * nothing else is guessed.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

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

export function parseNumber(raw: unknown): Parsed<number> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw) : fail('is not a finite number');
  const s = text(raw).replace(/[,，\s]/g, '');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return fail(`${shown(raw)} is not a number`);
  return ok(Number(s));
}

export function parseInteger(raw: unknown): Parsed<number> {
  const n = parseNumber(raw);
  if (!n.ok) return n;
  return Number.isInteger(n.value) ? n : fail(`${shown(raw)} is not a whole number`);
}

const TRUE = new Set(['true', 't', 'yes', 'y', '1', '是', '√', '✓', '有']);
const FALSE = new Set(['false', 'f', 'no', 'n', '0', '否', '×', '无', '不是']);

export function parseBoolean(raw: unknown): Parsed<boolean> {
  if (typeof raw === 'boolean') return ok(raw);
  const s = text(raw).toLowerCase();
  if (TRUE.has(s)) return ok(true);
  if (FALSE.has(s)) return ok(false);
  return fail(`${shown(raw)} is not yes/no (true/false, 是/否, 1/0)`);
}

/** One of `values` by its own name (any case) or by a Chinese synonym in `synonyms`. */
export function parseEnum<E extends string>(raw: unknown, values: readonly E[], synonyms: Readonly<Record<string, E>> = {}): Parsed<E> {
  const s = text(raw);
  const upper = s.toUpperCase().replace(/[\s-]/g, '_');
  const hit = values.find((v) => v === upper) ?? synonyms[s];
  return hit ? ok(hit) : fail(`${shown(raw)} is not one of ${values.join(', ')}${Object.keys(synonyms).length ? ` (or ${Object.keys(synonyms).join('/')})` : ''}`);
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
  return parseList(text(raw).replace(/\s*([:：=])\s*/g, '$1'), (part) => {
    const m = /^(\d{4})\s*[:：=]\s*(.+)$/.exec(part);
    if (!m) return fail(`${shown(part)} is not year:amount (e.g. 2019:20.5)`);
    const amount = parseNumber(m[2]);
    return amount.ok ? ok({ year: Number(m[1]), amount: amount.value }) : fail(`${m[1]}: ${amount.reason}`);
  });
}
