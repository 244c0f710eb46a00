/**
 * The client's half of the contract: every operation in schema/operations
 * (the client's, and the explorer's cookbook) is valid against
 * schema/schema.graphql, and schema/generated/ is exactly what codegen makes
 * from them today (run `pnpm --filter @lingyan/schema codegen` after changing
 * an operation or the schema).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';

const SCHEMA_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../schema');

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return graphqlFiles(path);
    return entry.name.endsWith('.graphql') ? [path] : [];
  });
}

/** Runs the schema package's own codegen (its version, its config) in memory. */
async function generateInMemory(): Promise<Array<{ filename: string; content: string }>> {
  const requireFromSchema = createRequire(join(SCHEMA_DIR, 'package.json'));
  const cli = (await import(pathToFileURL(requireFromSchema.resolve('@graphql-codegen/cli')).href)) as {
    generate(config: object, saveToFile: boolean): Promise<Array<{ filename: string; content: string }>>;
  };
  const { default: config } = (await import(pathToFileURL(join(SCHEMA_DIR, 'codegen.ts')).href)) as { default: object };
  return cli.generate({ ...config, cwd: SCHEMA_DIR, silent: true, verbose: false }, false);
}

describe('schema/operations', () => {
  const schema = buildSchema(readFileSync(join(SCHEMA_DIR, 'schema.graphql'), 'utf8'));
  const files = graphqlFiles(join(SCHEMA_DIR, 'operations'));

  it('holds the client operations and the cookbook', () => {
    const names = files.map((f) => relative(SCHEMA_DIR, f));
    expect(names.filter((n) => !n.includes('cookbook/')).length).toBeGreaterThan(0);
    expect(names.filter((n) => n.includes('cookbook/')).length).toBeGreaterThan(0);
  });

  it.each(files.map((f) => [relative(SCHEMA_DIR, f), f]))('%s is valid against schema.graphql', (_name, file) => {
    const document = parse(readFileSync(file, 'utf8'));
    expect(validate(schema, document).map((e) => e.message)).toEqual([]);
  });

  it('names each operation once', () => {
    const names = files.flatMap((file) =>
      parse(readFileSync(file, 'utf8')).definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? [d.name?.value ?? '(anonymous)'] : [])),
    );
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(names).not.toContain('(anonymous)');
  });
});

describe('schema/generated', () => {
  it('is what codegen makes from schema.graphql and operations/*.graphql', async () => {
    const outputs = await generateInMemory();
    expect(outputs.length).toBeGreaterThan(0);
    const generatedDir = join(SCHEMA_DIR, 'generated');
    // No stale file left behind by a removed output.
    expect(readdirSync(generatedDir).sort()).toEqual(outputs.map((o) => relative(generatedDir, resolve(SCHEMA_DIR, o.filename))).sort());
    for (const output of outputs) {
      const onDisk = readFileSync(resolve(SCHEMA_DIR, output.filename), 'utf8');
      expect(onDisk, `${output.filename} is stale: run \`pnpm --filter @lingyan/schema codegen\``).toBe(output.content);
    }
  }, 60_000);
});
