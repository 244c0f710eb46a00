/**
 * Progress of a browser import, as lines of its NDJSON answer: one every
 * PROGRESS_EVERY_ROWS rows read (so a test and a person both know when to
 * expect one), with the share of the file read when the reader can tell,
 * and one when reading is done.
 */
import type { Progress } from './progress.js';

export const PROGRESS_EVERY_ROWS = 1000;

export interface ProgressLine {
  type: 'progress';
  rows: number;
  /** share of the file read, 0…1; null when the reader cannot tell */
  share: number | null;
  done: boolean;
}

export function ndjsonProgress(write: (line: ProgressLine) => void): Progress {
  let next = PROGRESS_EVERY_ROWS;
  return {
    update(rows, share) {
      if (rows < next) return;
      next = rows + PROGRESS_EVERY_ROWS;
      write({ type: 'progress', rows, share: share === null ? null : Math.round(share * 1000) / 1000, done: false });
    },
    done(rows) {
      write({ type: 'progress', rows, share: 1, done: true });
    },
  };
}
