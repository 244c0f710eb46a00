/**
 * The twin test of 督查整改: findingStatus, rectifiedOnTime and findingInYear
 * (server/src/domain/inspection) against their SQL (finding_status() of
 * migration 000009, finding-sql.ts) on a grid of dates around a deadline,
 * and the hand-computed cases the issue names.
 */
import { describe, expect, it } from 'vitest';
import { findingStatus, rectifiedOnTime } from '../../server/src/domain/inspection/finding-status.js';
import { findingInYearSql } from '../../server/src/domain/inspection/finding-sql.js';
import { findingInYear } from '../../server/src/domain/inspection/finding-year.js';
import { sql } from '../support/db.js';

const DEADLINE = '2025-06-30';
const RECTIFIED = [null, '2025-03-01', '2025-06-29', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-02'];
const AS_OF = ['2025-03-01', '2025-06-29', '2025-06-30', '2025-07-01', '2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02'];
const grid = RECTIFIED.flatMap((rectifiedOn) => AS_OF.map((asOf) => ({ deadline: DEADLINE, rectifiedOn, asOf })));

describe('findingStatus and finding_status()', () => {
  it('agree on every cell of the grid', async () => {
    const rows = await sql<{ i: number; status: string; on_time: boolean }>(
      `select g.i, finding_status(g.deadline, g.rectified_on, g.as_of) as status, coalesce(g.rectified_on <= g.deadline, false) as on_time
         from jsonb_to_recordset($1::jsonb) as g(i int, deadline date, rectified_on date, as_of date) order by g.i`,
      [JSON.stringify(grid.map((g, i) => ({ i, deadline: g.deadline, rectified_on: g.rectifiedOn, as_of: g.asOf })))],
    );
    expect(rows).toHaveLength(grid.length);
    const statuses = new Set<string>();
    for (const r of rows) {
      const g = grid[r.i]!;
      expect({ ...g, status: r.status, onTime: r.on_time }).toEqual({ ...g, status: findingStatus(g.deadline, g.rectifiedOn, g.asOf), onTime: rectifiedOnTime(g.deadline, g.rectifiedOn) });
      statuses.add(r.status);
    }
    expect([...statuses].sort()).toEqual(['OPEN', 'OVERDUE', 'RECTIFIED']);
  });

  it('judges the deadline day and the day after as the rule says', () => {
    // Rectified on the deadline day: rectified, on time; the day after: rectified, late.
    expect(findingStatus(DEADLINE, '2025-06-30', '2025-12-31')).toBe('RECTIFIED');
    expect(rectifiedOnTime(DEADLINE, '2025-06-30')).toBe(true);
    expect(findingStatus(DEADLINE, '2025-07-01', '2025-12-31')).toBe('RECTIFIED');
    expect(rectifiedOnTime(DEADLINE, '2025-07-01')).toBe(false);
    // Open on the deadline day: open; the day after: overdue.
    expect(findingStatus(DEADLINE, null, '2025-06-30')).toBe('OPEN');
    expect(findingStatus(DEADLINE, null, '2025-07-01')).toBe('OVERDUE');
    // A rectification dated after the day asked about has not happened yet on that day.
    expect(findingStatus(DEADLINE, '2025-12-31', '2025-07-01')).toBe('OVERDUE');
    expect(findingStatus(DEADLINE, '2025-06-30', '2025-06-29')).toBe('OPEN');
  });
});

describe('findingInYear and its SQL', () => {
  const VISITS = ['2024-11-20', '2025-01-01', '2025-06-01', '2025-12-31'];
  const FIXED = [null, '2024-12-31', '2025-01-01', '2025-08-01', '2026-02-01'];
  const DAYS = ['2025-05-31', '2025-12-31'];
  const cells = VISITS.flatMap((inspectedOn) => FIXED.filter((r) => r === null || r >= inspectedOn).flatMap((rectifiedOn) => DAYS.map((asOf) => ({ inspectedOn, rectifiedOn, asOf, year: 2025 }))));

  it('agree on every cell, and a finding open from last year is in this year\'s picture', async () => {
    // The fragment the API filters with, over one-row stand-ins for the finding f and its visit i.
    const parts = cells.map((c, i) => {
      const frag = findingInYearSql(c.year, c.asOf);
      return { text: `select ${i} as i, ${frag.text} as member from (select ?::date as inspected_on) i cross join (select ?::date as rectified_on) f`, values: [...frag.values, c.inspectedOn, c.rectifiedOn] };
    });
    let n = 0;
    const text = parts.map((p) => p.text).join(' union all ').replace(/\?/g, () => `$${++n}`);
    const rows = await sql<{ i: number; member: boolean }>(`${text} order by i`, parts.flatMap((p) => p.values));
    expect(rows).toHaveLength(cells.length);
    for (const r of rows) {
      const c = cells[r.i]!;
      expect({ ...c, member: r.member }).toEqual({ ...c, member: findingInYear(c.inspectedOn, c.rectifiedOn, c.year, c.asOf) });
    }
    expect(findingInYear('2024-11-20', null, 2025, '2025-12-31')).toBe(true);
    expect(findingInYear('2024-11-20', '2024-12-31', 2025, '2025-12-31')).toBe(false);
    expect(findingInYear('2025-12-31', null, 2025, '2025-05-31')).toBe(false);
  });
});
