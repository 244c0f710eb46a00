/**
 * Shapefile (.shp + .dbf, with .prj and .cpg when present), plain or zipped,
 * streamed record by record with the `shapefile` package. Coordinates are
 * reprojected from the .prj's CRS to WGS-84 with proj4; the attribute
 * encoding comes from the .cpg, else the DBF's language driver byte, else
 * detection on the records.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import type { Geometry } from 'geojson';
import proj4 from 'proj4';
import * as shapefile from 'shapefile';
import { detectEncoding, encodingFromLabel, type TextEncodingName } from '../encoding.js';
import { mapPositions } from '../geometry-map.js';
import { SourceError, type Source, type SourceRow } from '../source.js';
import { unzipShapefile } from './zip.js';

/** DBF byte 29, the "language driver": 0x4D (77) is code page 936, GBK. */
const LDID_GBK = 0x4d;

function sibling(shp: string, ext: string): string | null {
  const stem = shp.slice(0, -extname(shp).length);
  for (const e of [ext, ext.toUpperCase()]) if (existsSync(stem + e)) return stem + e;
  return null;
}

function dbfEncoding(dbf: string, cpg: string | null, given: TextEncodingName | null): TextEncodingName {
  if (given) return given;
  if (cpg) {
    const label = readFileSync(cpg, 'utf8');
    const known = encodingFromLabel(label);
    if (known) return known;
  }
  const fd = openSync(dbf, 'r');
  try {
    const head = Buffer.alloc(32);
    readSync(fd, head, 0, 32, 0);
    if (head[29] === LDID_GBK) return 'gb18030';
    // Records start after the header; sample them for non-UTF-8 bytes.
    const headerLength = head.readUInt16LE(8);
    const sample = Buffer.alloc(Math.min(64 * 1024, Math.max(0, statSync(dbf).size - headerLength)));
    const n = readSync(fd, sample, 0, sample.length, headerLength);
    return detectEncoding(sample.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** A converter to WGS-84 from the .prj's WKT; null when the file is already lon/lat WGS-84 or has no .prj. */
function reprojection(prj: string | null, path: string): { name: string; toWgs84: ((p: number[]) => number[]) | null } {
  if (!prj) return { name: 'none (.prj missing): taken as WGS-84', toWgs84: null };
  const wkt = readFileSync(prj, 'utf8').trim();
  const name = /^[A-Z]+\["([^"]*)"/.exec(wkt)?.[1] ?? 'unnamed';
  if (/^GEOGCS\[/.test(wkt) && /WGS.?84|CGCS.?2000|China.*2000/i.test(wkt)) {
    // CGCS2000 and WGS-84 agree to a few centimetres: no conversion needed.
    return { name, toWgs84: null };
  }
  try {
    const converter = proj4(wkt, 'WGS84');
    return { name, toWgs84: (p) => converter.forward(p) };
  } catch (error) {
    throw new SourceError(`${path}: cannot use the CRS in the .prj file (${(error as Error).message})`);
  }
}

export async function readShapefile(path: string, encoding: TextEncodingName | null): Promise<Source> {
  const zipped = extname(path).toLowerCase() === '.zip' ? await unzipShapefile(path) : null;
  const shp = zipped?.shp ?? path;
  try {
    const dbf = sibling(shp, '.dbf');
    if (!dbf) throw new SourceError(`${path}: the .dbf file with the attributes is missing`);
    const chosen = dbfEncoding(dbf, sibling(shp, '.cpg'), encoding);
    const crs = reprojection(sibling(shp, '.prj'), path);
    // The .shx index holds 8 bytes per record after a 100-byte header: the record count, for progress.
    const shx = sibling(shp, '.shx');
    const total = shx ? Math.max(1, (statSync(shx).size - 100) / 8) : null;
    const source = await shapefile.open(shp, dbf, { encoding: chosen });
    let read = 0;
    async function* rows(): AsyncGenerator<SourceRow> {
      for (let number = 1; ; number++) {
        const next = await source.read();
        if (next.done) return;
        const f = next.value;
        // A null shape has a geometry of null; reprojection leaves it so.
        const geometry = f.geometry && crs.toWgs84 ? mapPositions(f.geometry as Geometry, crs.toWgs84) : (f.geometry as Geometry | null);
        read += 1;
        yield { number, fields: (f.properties ?? {}) as Record<string, unknown>, geometry };
      }
    }
    return {
      format: 'shapefile',
      unit: 'feature',
      encoding: chosen,
      crs: crs.name,
      rows: rows(),
      progress: () => (total === null ? null : Math.min(1, read / total)),
      close: async () => {
        await source.cancel().catch(() => {});
        zipped?.remove();
      },
    };
  } catch (error) {
    zipped?.remove();
    throw error;
  }
}
