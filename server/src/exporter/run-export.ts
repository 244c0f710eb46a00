/**
 * One export: the kind's rows from the database, written page by page (so a
 * national village table needs one page of memory) in the layout the importer
 * reads by default (@lingyan/data exportWriter).
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { EntityManager } from '@mikro-orm/postgresql';
import { exportWriter, KIND_SPECS, type ExportFormat, type ExportValue, type ImportKind } from '@lingyan/data';
import type { Geometry } from 'geojson';
import { EXPORT_QUERIES, type ExportFilter } from './queries.js';

export interface ExportOptions extends ExportFilter {
  kind: ImportKind;
  format: ExportFormat;
  /** the file to write */
  out: string;
  /** rows per query; default 5000 */
  pageSize?: number;
}

export interface ExportResult {
  rows: number;
  seconds: number;
}

/** Kinds whose geometry is an area: only GeoJSON carries it. */
export const AREA_KINDS: readonly ImportKind[] = ['counties', 'townships'];

export async function runExport(em: EntityManager, o: ExportOptions): Promise<ExportResult> {
  if (o.format === 'csv' && AREA_KINDS.includes(o.kind)) throw new Error(`--kind ${o.kind} has boundaries, which CSV cannot carry; use --format geojson`);
  const started = Date.now();
  const writer = exportWriter(KIND_SPECS[o.kind], o.format);
  const out = createWriteStream(o.out, { encoding: 'utf8' });
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const size = o.pageSize ?? 5000;
  let rows = 0;
  try {
    await write(writer.head);
    for (let offset = 0; ; offset += size) {
      const page = await em.getConnection().execute<Array<Record<string, unknown>>>(
        `${EXPORT_QUERIES[o.kind].replace(/:county::text/g, '?::text').replace(/:year::int/g, '?::int')} limit ${size} offset ${offset}`,
        params(EXPORT_QUERIES[o.kind], o),
      );
      for (const { geometry, ...values } of page) await write(writer.line({ values: values as Record<string, ExportValue>, geometry: (geometry ?? null) as Geometry | null }));
      rows += page.length;
      if (page.length < size) break;
    }
    await write(writer.tail);
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { rows, seconds: (Date.now() - started) / 1000 };
}

/** The positional parameters for the query's :county and :year, in the order they appear. */
function params(query: string, f: ExportFilter): unknown[] {
  return [...query.matchAll(/:(county|year)::/g)].map((m) => (m[1] === 'county' ? f.county : f.year));
}
