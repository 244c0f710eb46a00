/** The schema as committed SDL (schema/schema.graphql): printed the same way by the emitter and the drift test. */
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { REPO_ROOT } from '../config/config.js';
import { createSchema } from './schema.js';

export const SDL_PATH = path.join(REPO_ROOT, 'schema/schema.graphql');

const HEADER = '# Generated from the server\'s type-graphql classes by `pnpm schema:emit`. Do not edit: CI fails when it drifts.\n\n';

export async function printSdl(): Promise<string> {
  return HEADER + printSchema(lexicographicSortSchema(await createSchema())) + '\n';
}
