import { describe, expect, it } from 'vitest';
import { BULK_WRITE_ROWS, isBulkWrite } from '../../../server/src/db/statistics.js';

describe('fresh planner statistics after an import', () => {
  it('are asked for a committed write of at least BULK_WRITE_ROWS rows', () => {
    expect(isBulkWrite(true, BULK_WRITE_ROWS)).toBe(true);
    expect(isBulkWrite(true, 490_266)).toBe(true);
  });

  it('are not asked for a smaller write, or one rolled back (a dry run, a rejected file)', () => {
    expect(isBulkWrite(true, BULK_WRITE_ROWS - 1)).toBe(false);
    expect(isBulkWrite(false, 10 * BULK_WRITE_ROWS)).toBe(false);
  });
});
