import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SDL_PATH, printSdl } from '../../../server/src/graphql/sdl.js';

describe('schema/schema.graphql', () => {
  it('is what the server code emits (run `pnpm schema:emit` after changing the API)', async () => {
    expect(fs.readFileSync(SDL_PATH, 'utf8')).toBe(await printSdl());
  });

  it('describes every type and field for the planners', async () => {
    const sdl = await printSdl();
    const { buildSchema, isObjectType, isEnumType } = await import('graphql');
    const schema = buildSchema(sdl);
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type) && !type.description) undocumented.push(type.name);
    }
    expect(undocumented).toEqual([]);
  });
});
