/**
 * Finding a record field's cell in a row: by the header the user named
 * (--code-field 区划代码), else by the first of the field's default headers
 * (Chinese and English, matched ignoring case, spaces, brackets and a unit
 * written in the header) that the row has. A unit in the header
 * (集体经济收入（万元）, 投资（元）) scales the numbers to the unit the hub
 * keeps (header-units.ts). FieldReader also collects the row's problems and
 * which fields it gave, so an upsert changes only the columns the file has.
 */
import { isEmpty, type Parsed } from './cells.js';
import { FIELD_UNITS, isMoneyUnit, scaled, splitHeader, unitFactor, type MoneyUnit } from './header-units.js';
import { message, type Message, type Reason } from './messages.js';
import { rowProblem, type AreaLabel, type RowProblem } from './problem.js';

/** Default headers per record field. */
export type ColumnAliases = Readonly<Record<string, readonly string[]>>;
/** Header per record field, given by the user; wins over the defaults. */
export type ColumnOverrides = Readonly<Record<string, string>>;

/** A header as matched: NFKC, no case, no spaces, '_', '-', brackets or '*' (a required-column mark). */
export const normHeader = (h: string) => h.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-()*]/g, '');

/**
 * Which header each field resolves to, shared by the rows of a file: rows
 * have the same headers (every CSV row, nearly every feature), so the lookup
 * is made once per distinct set of headers, not once per row and field.
 */
interface Resolution {
  signature: string;
  aliases: ColumnAliases;
  overrides: ColumnOverrides;
  /** by the whole header, then by the header without its unit */
  byHeader: Map<string, string>;
  byName: Map<string, string>;
  header: Map<string, string | null>;
  /** notes on the columns (unit conversions), given with the first row of these headers */
  notes: Message[];
  noted: boolean;
}
let last: Resolution | null = null;

function resolution(fields: Record<string, unknown>, aliases: ColumnAliases, overrides: ColumnOverrides, tableUnit: MoneyUnit | null): Resolution {
  const keys = Object.keys(fields);
  const signature = `${tableUnit ?? ''}\u0001${keys.join('\u0000')}`;
  if (last !== null && last.signature === signature && last.aliases === aliases && last.overrides === overrides) return last;
  const byName = new Map<string, string>();
  for (const k of keys) {
    const n = normHeader(splitHeader(k).name);
    if (!byName.has(n)) byName.set(n, k);
  }
  last = { signature, aliases, overrides, byHeader: new Map(keys.map((k) => [normHeader(k), k])), byName, header: new Map(), notes: [], noted: false };
  return last;
}

export class FieldReader {
  readonly problems: RowProblem[] = [];
  readonly given = new Set<string>();
  private readonly resolved: Resolution;

  constructor(
    readonly row: number,
    private readonly fields: Record<string, unknown>,
    private readonly aliases: ColumnAliases,
    private readonly overrides: ColumnOverrides,
    /** the money unit the table states above its header (单位：万元), for money columns whose header states none */
    private readonly tableUnit: MoneyUnit | null = null,
  ) {
    this.resolved = resolution(fields, aliases, overrides, tableUnit);
  }

  /** The header this row has for `field`, if any. */
  header(field: string): string | null {
    const known = this.resolved.header.get(field);
    if (known !== undefined) return known;
    const wanted = this.overrides[field] !== undefined ? [this.overrides[field]!] : (this.aliases[field] ?? [field]);
    let found: string | null = null;
    for (const a of wanted) {
      const h = this.resolved.byHeader.get(normHeader(a)) ?? this.resolved.byName.get(normHeader(splitHeader(a).name));
      if (h !== undefined) {
        found = h;
        break;
      }
    }
    this.resolved.header.set(field, found);
    if (found !== null) this.noteUnit(field, found);
    return found;
  }

  /** The unit `field`'s cells are in: the header's own, else the table's for a money field. */
  private unitOf(field: string, header: string): string | null {
    const stated = splitHeader(header).unit;
    if (stated !== null || this.tableUnit === null) return stated;
    const expected = FIELD_UNITS[field];
    return expected !== undefined && isMoneyUnit(expected) ? this.tableUnit : null;
  }

  private noteUnit(field: string, header: string): void {
    const unit = this.unitOf(field, header);
    if (unit !== null && splitHeader(header).unit === null) this.resolved.notes.push(message('note.tableUnit', { header, unit }));
    const factor = unitFactor(field, unit);
    if (factor !== null && factor !== 1) this.resolved.notes.push(message('note.unitConverted', { header, unit: unit!, expected: FIELD_UNITS[field]! }));
  }

  /** Notes on the columns (unit conversions), once per file: the first row that asks gets them. */
  columnNotes(): Message[] {
    if (this.resolved.noted) return [];
    this.resolved.noted = true;
    return this.resolved.notes;
  }

  /** How to name `field` in a report: the file's header when there is one. */
  label(field: string): string {
    return this.header(field) ?? this.overrides[field] ?? field;
  }

  problem(field: string, reason: Reason): void {
    this.problems.push(rowProblem(this.row, this.label(field), reason));
  }

  raw(field: string): unknown {
    const h = this.header(field);
    return h === null ? undefined : this.fields[h];
  }

  has(field: string): boolean {
    return !isEmpty(this.raw(field));
  }

  /** The row's area as far as its cells say (code and name as written), to name it in the report. */
  area(codeField: string, nameField?: string): AreaLabel {
    const code = this.raw(codeField);
    const name = nameField === undefined ? undefined : this.raw(nameField);
    return {
      ...(isEmpty(code) ? {} : { code: String(code).normalize('NFKC').trim() }),
      ...(isEmpty(name) ? {} : { name: String(name).trim() }),
    };
  }

  /** A value the record cannot do without: a problem when the column is missing or the cell empty or bad. */
  required<T>(field: string, parse: (raw: unknown) => Parsed<T>): T | undefined {
    const h = this.header(field);
    if (h === null) {
      const names = this.overrides[field] ?? (this.aliases[field] ?? [field]).join(' / ');
      this.problems.push(rowProblem(this.row, field, message('column.missing', { names, field })));
      return undefined;
    }
    const raw = this.fields[h];
    if (isEmpty(raw)) {
      this.problem(field, message('cell.empty'));
      return undefined;
    }
    return this.parse(field, raw, parse);
  }

  /** A value with a default when the column is missing or the cell empty. */
  optional<T>(field: string, parse: (raw: unknown) => Parsed<T>, fallback: T): T {
    const raw = this.raw(field);
    if (isEmpty(raw)) {
      if (this.header(field) !== null) this.given.add(field);
      return fallback;
    }
    return this.parse(field, raw, parse) ?? fallback;
  }

  private parse<T>(field: string, raw: unknown, parse: (raw: unknown) => Parsed<T>): T | undefined {
    this.given.add(field);
    const p = parse(raw);
    if (!p.ok) {
      this.problem(field, p.message ?? p.reason);
      return undefined;
    }
    if (typeof p.value !== 'number') return p.value;
    const unit = this.unitOf(field, this.header(field)!);
    const factor = unitFactor(field, unit);
    if (factor === null) {
      this.problem(field, message('cell.unitMismatch', { unit: unit!, expected: FIELD_UNITS[field] ?? message('cell.noUnit') }));
      return undefined;
    }
    return scaled(p.value, factor) as T;
  }
}
