/**
 * Unpacks the files of one Shapefile from a .zip into a temporary folder,
 * entry by entry with yauzl (streamed to disk, never whole in memory).
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { SourceError } from '../source.js';

const SHAPEFILE_PARTS = new Set(['.shp', '.shx', '.dbf', '.prj', '.cpg']);

export interface Unzipped {
  /** path of the .shp inside the temporary folder */
  shp: string;
  remove(): void;
}

export async function unzipShapefile(zipPath: string): Promise<Unzipped> {
  const dir = mkdtempSync(join(tmpdir(), 'lingyan-import-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false });
    const shps: string[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        const name = entry.fileName;
        const ext = extname(name).toLowerCase();
        // Skip folders, macOS resource forks and everything that is not part of a Shapefile.
        if (name.endsWith('/') || name.includes('__MACOSX') || !SHAPEFILE_PARTS.has(ext)) continue;
        const stem = basename(name, extname(name));
        const target = join(dir, `${stem}${ext}`);
        if (ext === '.shp') shps.push(target);
        await pipeline(await zip.openReadStreamPromise(entry), createWriteStream(target));
      }
    } finally {
      zip.close();
    }
    if (shps.length === 0) throw new SourceError(`${zipPath}: the zip holds no .shp file`);
    if (shps.length > 1) throw new SourceError(`${zipPath}: the zip holds ${shps.length} Shapefiles (${shps.map((s) => basename(s)).join(', ')}); zip one per file`);
    return { shp: shps[0]!, remove };
  } catch (error) {
    remove();
    if (error instanceof SourceError) throw error;
    throw new SourceError(`${zipPath}: cannot read the zip (${(error as Error).message})`);
  }
}
