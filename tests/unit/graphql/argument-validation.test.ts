import { describe, expect, it } from 'vitest';
// The schema's module loads reflect-metadata, which the input classes' decorators need.
import '../../../server/src/graphql/schema.js';
import { rememberedRules, validateArgument } from '../../../server/src/graphql/argument-validation.js';
import { NearestVillagesArgs, VillageFilter } from '../../../server/src/graphql/inputs/village-filter.input.js';

const nearest = (k: number, year?: number) => Object.assign(new NearestVillagesArgs(), { k, ...(year === undefined ? {} : { filter: Object.assign(new VillageFilter(), { year }) }) });

/** What validation is told about a class's rules: class-validator's ValidationMetadata, as far as this test reads it. */
type Rule = { propertyName: string };
type Lookup = (target: object, schema: string, always: boolean, strictGroups: boolean, groups?: string[]) => Rule[];

/** A stand-in for class-validator's MetadataStorage, counting lookups: the real one is shared by the whole process. */
function countingStorage(rules: Map<object, Rule[]>) {
  const asked: object[] = [];
  const storage = {
    getTargetValidationMetadatas: ((target) => {
      asked.push(target);
      return [...(rules.get(target) ?? [])];
    }) as Lookup,
    addValidationMetadata(rule: Rule & { target: object }) {
      rules.set(rule.target, [...(rules.get(rule.target) ?? []), rule]);
    },
  };
  return { storage, asked };
}

describe('argument validation', () => {
  it('refuses a value out of bounds, in a nested object too, time after time, and passes one within', async () => {
    for (let round = 0; round < 3; round++) {
      await expect(validateArgument(nearest(5))).resolves.toBeUndefined();
      await expect(validateArgument(nearest(5, 2020))).resolves.toBeUndefined();
      const low = await validateArgument(nearest(0)).catch((e: unknown) => e);
      expect(JSON.stringify(low)).toContain('k must not be less than 1');
      const nested = await validateArgument(nearest(5, 1999)).catch((e: unknown) => e);
      expect(JSON.stringify(nested)).toContain('year must not be less than 2000');
    }
  });

  it('looks up a class\'s rules once per schema name, then keeps them; lookups with groups are not kept', () => {
    class Args {}
    const { storage, asked } = countingStorage(new Map([[Args, [{ propertyName: 'k' }]]]));
    rememberedRules(storage as never);
    const first = storage.getTargetValidationMetadatas(Args, undefined as never, false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Args, undefined as never, false, false, undefined)).toBe(first);
    expect(first).toEqual([{ propertyName: 'k' }]);
    expect(asked).toEqual([Args]);
    // A nested object is looked up with the name of the class holding it.
    const nested = storage.getTargetValidationMetadatas(Args, 'Outer', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Args, 'Outer', false, false, undefined)).toBe(nested);
    expect(asked).toEqual([Args, Args]);
    storage.getTargetValidationMetadatas(Args, undefined as never, false, false, ['planners']);
    storage.getTargetValidationMetadatas(Args, undefined as never, false, false, ['planners']);
    expect(asked).toEqual([Args, Args, Args, Args]);
  });

  it('forgets what it kept when a rule is added later, and wraps a storage only once', () => {
    class Args {}
    const { storage, asked } = countingStorage(new Map());
    rememberedRules(storage as never);
    rememberedRules(storage as never);
    expect(storage.getTargetValidationMetadatas(Args, undefined as never, false, false)).toEqual([]);
    storage.addValidationMetadata({ target: Args, propertyName: 'limit' });
    expect(storage.getTargetValidationMetadatas(Args, undefined as never, false, false)).toEqual([{ target: Args, propertyName: 'limit' }]);
    expect(asked).toEqual([Args, Args]);
  });
});
