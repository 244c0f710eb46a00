import { describe, expect, it } from 'vitest';
import { StatementNames } from '../../../server/src/db/bound-statements.js';

describe('StatementNames', () => {
  it('gives a text the same name every time, and another text another name', () => {
    const names = new StatementNames(4);
    const a = names.of('select $1');
    expect(a).toMatch(/^lingyan_\d+$/);
    expect(names.of('select $1')).toBe(a);
    const b = names.of('select $1, $2');
    expect(b).not.toBe(a);
    expect(names.size).toBe(2);
  });

  it('names no more texts than its capacity; those past it run unnamed, the named keep their names', () => {
    const names = new StatementNames(2);
    const first = names.of('one');
    const second = names.of('two');
    expect(names.of('three')).toBeUndefined();
    expect(names.of('three')).toBeUndefined();
    expect([names.of('one'), names.of('two')]).toEqual([first, second]);
    expect(names.size).toBe(2);
  });
});
