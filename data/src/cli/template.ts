/**
 * Writes the import templates a data officer fills in:
 *   pnpm data:template [--kind <kind>] [--out <dir>] [--lang zh|en]
 * per kind an XLSX and a CSV (and a GeoJSON for kinds with a boundary) with
 * Chinese headers, units and one example row; every kind unless --kind.
 * --out is relative to where pnpm ran; default import-templates/ there.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { IMPORT_KINDS, type ImportKind } from '../import/kinds/kind.js';
import { formatMessage, langFromLabel, message } from '../import/messages.js';
import { templateFiles } from '../import/templates.js';

const USAGE = `usage: pnpm data:template [--kind <${IMPORT_KINDS.join('|')}>] [--out <dir>] [--lang zh|en]`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { kind: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const lang = langFromLabel(values.lang ?? 'zh');
  if (!lang) throw new Error(`--lang must be zh or en, got "${values.lang}"\n${USAGE}`);
  if (values.kind !== undefined && !IMPORT_KINDS.includes(values.kind as ImportKind)) throw new Error(`--kind must be one of ${IMPORT_KINDS.join(', ')}, got "${values.kind}"\n${USAGE}`);
  const kinds = values.kind === undefined ? [...IMPORT_KINDS] : [values.kind as ImportKind];
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out ?? 'import-templates');
  mkdirSync(out, { recursive: true });
  for (const kind of kinds) {
    const files = await templateFiles(kind, lang);
    for (const f of files) writeFileSync(path.join(out, f.name), f.bytes);
    console.log(formatMessage(message('template.written', { kind, files: files.map((f) => path.join(out, f.name)).join(', ') }), lang));
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`data:template: ${(error as Error).message}`);
    process.exit(2);
  },
);
