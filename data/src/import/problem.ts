/**
 * One thing wrong with one row or feature of an import file. A problem made
 * from a message code (messages.ts) can be written in Chinese or English;
 * `reason` is always there, in Chinese for coded problems, for callers that
 * show one language. Free-text problems (`reason` alone) read the same in
 * every language.
 */
import { DEFAULT_LANG, fieldName, formatMessage, formatReason, type Lang, type MessageCode, type MessageParams, type Reason } from './messages.js';

/** The area a row is about, as far as the row tells it: to name it in the report. */
export interface AreaLabel {
  code?: string;
  name?: string;
}

export interface RowProblem {
  /** spreadsheet row (as Excel numbers it) or feature number (first = 1); 0 for the file as a whole */
  row: number;
  /** the column as headed in the file, or the record field (geometry, code, …) when the file has none */
  field: string;
  /** the reason in Chinese (or free text) */
  reason: string;
  /** the message code and its parameters, to write the reason in another language */
  code?: MessageCode;
  params?: MessageParams;
  /** the area of the row (its code and name as read), when known */
  area?: AreaLabel;
}

export function rowProblem(row: number, field: string, reason: Reason, area?: AreaLabel): RowProblem {
  const p: RowProblem = typeof reason === 'string' ? { row, field, reason } : { row, field, reason: formatMessage(reason, DEFAULT_LANG), code: reason.code, ...(reason.params ? { params: reason.params } : {}) };
  if (area && (area.code || area.name)) p.area = area;
  return p;
}

/** The problem's reason in `lang`. */
export function problemReason(p: RowProblem, lang: Lang = DEFAULT_LANG): string {
  return p.code ? formatReason({ code: p.code, params: p.params }, lang) : p.reason;
}

/** The area as a report names it: 巴音嘎查 152591101201. */
export function areaText(area: AreaLabel | undefined): string {
  return [area?.name, area?.code].filter(Boolean).join(' ');
}

/** The column a problem is about, named in `lang` when it is a record field rather than the file's header. */
export function problemField(p: RowProblem, lang: Lang = DEFAULT_LANG): string {
  return fieldName(p.field, lang);
}
