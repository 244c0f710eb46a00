import { describe, expect, it } from 'vitest';
import { codeRanges, inScope, type ReadScope } from '../../../server/src/domain/region/read-scope.js';

describe('read scope code ranges', () => {
  const prefecture: ReadScope = { prefecture: '150700000000', counties: null };
  const counties: ReadScope = { prefecture: '150700000000', counties: ['150702000000', '150781000000', '152201000000'] };

  it('spans the prefecture, or each county of the prefecture an embed token names', () => {
    expect(codeRanges(prefecture)).toEqual([{ low: '150700000000', high: '150799999999' }]);
    // A county outside the prefecture read is not in its scope.
    expect(codeRanges(counties)).toEqual([
      { low: '150702000000', high: '150702999999' },
      { low: '150781000000', high: '150781999999' },
    ]);
  });

  it('makes a scope\'s ranges once, and they cannot be changed', () => {
    const scope: ReadScope = { prefecture: '150700000000', counties: ['150702000000'] };
    const first = codeRanges(scope);
    expect(codeRanges(scope)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    // Another scope object with the same codes has its own (equal) ranges.
    expect(codeRanges({ ...scope })).toEqual(first);
  });

  it('says whether a code lies inside', () => {
    expect(inScope(prefecture, '150702101001')).toBe(true);
    expect(inScope(prefecture, '150799999999')).toBe(true);
    expect(inScope(prefecture, '150800000000')).toBe(false);
    expect(inScope(counties, '150781200300')).toBe(true);
    expect(inScope(counties, '150721000000')).toBe(false);
    expect(inScope(counties, '152201000000')).toBe(false);
    expect(inScope({ prefecture: '150700000000', counties: [] }, '150702101001')).toBe(false);
  });
});
