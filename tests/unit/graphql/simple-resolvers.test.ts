/**
 * server/src/graphql/simple-resolvers.ts: fields that only read their property are
 * left to graphql's default resolver (type-graphql's simple resolvers), and a
 * field with roles or middlewares, which that would skip, stops the build.
 */
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../../server/src/graphql/schema.js';
import { plainFieldsReadTheirProperty } from '../../../server/src/graphql/simple-resolvers.js';

describe('plain fields', () => {
  it('have no resolver of their own in the built schema; fields with a field resolver keep theirs', async () => {
    const schema = await createSchema();
    const village = schema.getType('Village') as unknown as { getFields(): Record<string, { resolve?: unknown }> };
    expect(village.getFields().code!.resolve).toBeUndefined();
    expect(village.getFields().name!.resolve).toBeUndefined();
    expect(village.getFields().nameEn!.resolve).toBeUndefined();
    // Resolved by a field resolver (the village's township is looked up).
    expect(typeof village.getFields().township!.resolve).toBe('function');
  });

  it('marks every object type simple unless it says otherwise', () => {
    const objectTypes = [{ simpleResolvers: undefined }, { simpleResolvers: false }, { simpleResolvers: true }];
    plainFieldsReadTheirProperty({ fields: [], objectTypes } as never);
    expect(objectTypes.map((t) => t.simpleResolvers)).toEqual([true, false, true]);
  });

  it('refuses a field with roles or middlewares, naming it, and marks nothing', () => {
    class Secret {}
    const objectTypes = [{ simpleResolvers: undefined }];
    const fields = [
      { target: Secret, name: 'open', roles: [], middlewares: [] },
      { target: Secret, name: 'guarded', roles: ['admin'] },
      { target: Secret, name: 'logged', middlewares: [() => undefined] },
    ];
    expect(() => plainFieldsReadTheirProperty({ fields, objectTypes } as never)).toThrow(/Secret\.guarded, Secret\.logged/);
    expect(objectTypes[0]!.simpleResolvers).toBeUndefined();
  });
});
