/** One thing wrong with one row or feature of an import file. */
export interface RowProblem {
  /** spreadsheet row (header = 1) or feature number (first = 1); 0 for the file as a whole */
  row: number;
  /** the column as headed in the file, or the record field (geometry, code, …) */
  field: string;
  reason: string;
}
