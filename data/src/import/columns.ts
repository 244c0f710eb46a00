/**
 * Finding a record field's cell in a row: by the header the user named
 * (--code-field 区划代码), else by the first of the field's default headers
 * (Chinese and English, matched ignoring case and spaces) that the row has.
 * FieldReader also collects the row's problems and which fields it gave, so
 * an upsert changes only the columns the file has.
 */
import { isEmpty, type Parsed } from './cells.js';
import type { RowProblem } from './problem.js';

/** Default headers per record field. */
export type ColumnAliases = Readonly<Record<string, readonly string[]>>;
/** Header per record field, given by the user; wins over the defaults. */
export type ColumnOverrides = Readonly<Record<string, string>>;

const norm = (h: string) => h.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-（）()]/g, '');

/**
 * Which header each field resolves to, shared by the rows of a file: rows
 * have the same headers (every CSV row, nearly every feature), so the lookup
 * is made once per distinct set of headers, not once per row and field.
 */
interface Resolution {
  signature: string;
  aliases: ColumnAliases;
  overrides: ColumnOverrides;
  byHeader: Map<string, string>;
  header: Map<string, string | null>;
}
let last: Resolution | null = null;

function resolution(fields: Record<string, unknown>, aliases: ColumnAliases, overrides: ColumnOverrides): Resolution {
  const keys = Object.keys(fields);
  const signature = keys.join('\u0000');
  if (last !== null && last.signature === signature && last.aliases === aliases && last.overrides === overrides) return last;
  last = { signature, aliases, overrides, byHeader: new Map(keys.map((k) => [norm(k), k])), header: new Map() };
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
  ) {
    this.resolved = resolution(fields, aliases, overrides);
  }

  /** The header this row has for `field`, if any. */
  header(field: string): string | null {
    const known = this.resolved.header.get(field);
    if (known !== undefined) return known;
    const wanted = this.overrides[field] !== undefined ? [this.overrides[field]!] : (this.aliases[field] ?? [field]);
    let found: string | null = null;
    for (const a of wanted) {
      const h = this.resolved.byHeader.get(norm(a));
      if (h !== undefined) {
        found = h;
        break;
      }
    }
    this.resolved.header.set(field, found);
    return found;
  }

  /** How to name `field` in a report: the file's header when there is one. */
  label(field: string): string {
    return this.header(field) ?? this.overrides[field] ?? field;
  }

  problem(field: string, reason: string): void {
    this.problems.push({ row: this.row, field: this.label(field), reason });
  }

  raw(field: string): unknown {
    const h = this.header(field);
    return h === null ? undefined : this.fields[h];
  }

  has(field: string): boolean {
    return !isEmpty(this.raw(field));
  }

  /** A value the record cannot do without: a problem when the column is missing or the cell empty or bad. */
  required<T>(field: string, parse: (raw: unknown) => Parsed<T>): T | undefined {
    const h = this.header(field);
    if (h === null) {
      const names = this.overrides[field] ?? (this.aliases[field] ?? [field]).join(' / ');
      this.problems.push({ row: this.row, field, reason: `no column for it (looked for ${names}); name the column with --field ${field}=<header>` });
      return undefined;
    }
    const raw = this.fields[h];
    if (isEmpty(raw)) {
      this.problem(field, 'is empty');
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
    if (p.ok) return p.value;
    this.problem(field, p.reason);
    return undefined;
  }
}
