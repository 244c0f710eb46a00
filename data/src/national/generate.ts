/**
 * Province and national scale datasets: the real counties and townships of
 * data/divisions with synthetic boundaries (layout.ts) and
 * synthetic villages with ten years of figures (village.ts), written as the
 * files `pnpm data:import` reads, in the demo's layout:
 *
 *   counties.geojson    --kind counties   (one Feature per line; prefectureName names each prefecture)
 *   townships.geojson   --kind townships
 *   villages.geojson    --kind villages
 *   village-years.csv   --kind figures
 *
 * Streaming: records are made and written one at a time (a village and its
 * ten rows, then the next), so memory is the division lists whatever the
 * scale. Deterministic: every county, township and village draws from its
 * own stream forked from the seed by its code.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS, type CountyKind, type TownshipKind, type VillageYearRecord } from '../records.js';
import { GEOJSON_FILES } from '../demo/files.js';
import { YEARS } from '../demo/poverty.js';
import { Rng } from '../demo/rng.js';
import { encodeCell, VILLAGE_YEARS } from '../demo/tables.js';
import { PROVINCES, readDivisions, type Divisions } from './divisions.js';
import { boxAround, boxPolygon, cells, pointIn, type Box } from './layout.js';
import { syntheticVillage } from './village.js';

export type Scale = 'province' | 'national';

export interface ScaleOptions {
  scale: Scale;
  seed: number;
  /** the province of a province-scale dataset (2 digits); default 15, Inner Mongolia */
  province?: string;
  /** about how many villages in all; default ~490,000 national, ~11,000 for a province */
  villages?: number;
  /** where the divisions are (default data/divisions) */
  divisionsDir?: string;
}

export interface ScaleSummary {
  counties: number;
  townships: number;
  villages: number;
  figures: number;
  skipped: Divisions['skipped'];
  files: string[];
}

export const NATIONAL_VILLAGES = 490_000;
export const PROVINCE_VILLAGES = 11_000;
export const DEFAULT_PROVINCE = '15';
/** Each county's cell, in degrees. */
const COUNTY_CELL = 0.7;

/** The files, in import order, with their --kind. */
export const SCALE_FILES = [
  [GEOJSON_FILES.counties, 'counties'],
  [GEOJSON_FILES.townships, 'townships'],
  [GEOJSON_FILES.villages, 'villages'],
  [VILLAGE_YEARS.file, 'figures'],
] as const;

/** Buffered synchronous writes: bounded memory, no stream back-pressure to get wrong. */
class Sink {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) this.flush();
  }

  private flush(): void {
    if (this.chunks.length) writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.size = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A FeatureCollection written one Feature per line, as the demo files are. */
class FeatureSink {
  private readonly sink: Sink;
  private first = true;

  constructor(path: string) {
    this.sink = new Sink(path);
    this.sink.write('{"type":"FeatureCollection","features":[\n');
  }

  feature(properties: object, geometry: object): void {
    this.sink.write(`${this.first ? '' : ',\n'}${JSON.stringify({ type: 'Feature', properties, geometry })}`);
    this.first = false;
  }

  close(): void {
    this.sink.write('\n]}\n');
    this.sink.close();
  }
}

const countyKind = (name: string): CountyKind => (name.endsWith('旗') ? 'BANNER' : name.endsWith('区') ? 'DISTRICT' : 'COUNTY');
const townshipKind = (name: string): TownshipKind =>
  name.endsWith('苏木') ? 'SUMU' : name.endsWith('镇') || name.endsWith('街道') ? 'TOWN' : 'TOWNSHIP';

function figuresLine(f: VillageYearRecord): string {
  return `${VILLAGE_YEARS.columns.map(([name, type]) => encodeCell(f[name], type, `${f.villageCode}/${f.year} ${name}`)).join(',')}\n`;
}

/** The median villages per township for about `options.villages` in all (lognormal, sd 0.45). */
function meanPerTownship(options: ScaleOptions, townships: number): number {
  const target = options.villages ?? (options.scale === 'national' ? NATIONAL_VILLAGES : PROVINCE_VILLAGES);
  return target / townships / Math.exp(0.45 ** 2 / 2);
}

/** How many villages a township gets (1–99, village codes 201–299), from its own stream. */
function villageCount(root: Rng, townshipCode: string, median: number): number {
  const r = root.fork(`township:${townshipCode}`);
  return Math.max(1, Math.min(99, Math.round(median * Math.exp(r.normal(0, 0.45)))));
}

/** What writeScale would write, counted without generating it (no files). */
export function planScale(options: ScaleOptions): Pick<ScaleSummary, 'counties' | 'townships' | 'villages' | 'figures' | 'skipped'> {
  const provinceCode = options.scale === 'province' ? (options.province ?? DEFAULT_PROVINCE) : null;
  const { counties, townships, skipped } = readDivisions(options.divisionsDir, provinceCode);
  const root = new Rng(options.seed);
  const median = meanPerTownship(options, townships.length);
  const villages = townships.reduce((sum, t) => sum + villageCount(root, t.code, median), 0);
  return { counties: counties.length, townships: townships.length, villages, figures: villages * YEARS.length, skipped };
}

/** Writes the dataset of `options.scale` into `dir`; returns what it wrote. */
export function writeScale(dir: string, options: ScaleOptions): ScaleSummary {
  const provinceCode = options.scale === 'province' ? (options.province ?? DEFAULT_PROVINCE) : null;
  const province = provinceCode === null ? null : PROVINCES.find((p) => p.code === provinceCode);
  if (provinceCode !== null && !province) throw new Error(`--province ${provinceCode}: not a province code (2 digits, e.g. 15)`);
  const divisions = readDivisions(options.divisionsDir, provinceCode);
  const { counties, townships } = divisions;
  if (counties.length === 0) throw new Error(`no counties found for ${provinceCode ?? 'the country'}`);
  const perTownship = meanPerTownship(options, townships.length);
  const thresholds = DEFAULT_THRESHOLDS;
  const root = new Rng(options.seed);

  // counties on a grid over China (national) or round the province's centre
  const { box, columns } =
    province === null || province === undefined
      ? { box: { w: 76_000_000, e: 132_000_000, s: 21_000_000, n: 51_000_000 } satisfies Box, columns: Math.ceil(Math.sqrt(counties.length * 2)) }
      : boxAround(province.centre, counties.length, COUNTY_CELL);
  const countyBoxes = cells(box, counties.length, columns);

  mkdirSync(dir, { recursive: true });
  const paths = SCALE_FILES.map(([file]) => join(dir, file));
  const summary: ScaleSummary = { counties: 0, townships: 0, villages: 0, figures: 0, skipped: divisions.skipped, files: paths };

  const countySink = new FeatureSink(paths[0]!);
  const townshipSink = new FeatureSink(paths[1]!);
  const villageSink = new FeatureSink(paths[2]!);
  const figureSink = new Sink(paths[3]!);
  figureSink.write(`${VILLAGE_YEARS.columns.map(([name]) => name).join(',')}\n`);
  try {
    let t = 0;
    counties.forEach((county, c) => {
      const r = root.fork(`county:${county.code}`);
      const keyPoor = (county.provinceCode === '15' || (POOR_PROVINCES.has(county.provinceCode) && r.chance(0.3))) && r.chance(0.3);
      const countyBox = countyBoxes[c]!;
      countySink.feature(
        {
          code: county.code,
          prefectureCode: county.prefectureCode,
          prefectureName: county.prefectureName,
          name: county.name,
          nameEn: '',
          kind: countyKind(county.name),
          keyPoorCounty: keyPoor,
          exitedYear: keyPoor ? 2020 : null,
        },
        boxPolygon(countyBox),
      );
      summary.counties++;
      const first = t;
      while (t < townships.length && townships[t]!.countyCode === county.code) t++;
      const townshipBoxes = cells(countyBox, t - first);
      for (let k = first; k < t; k++) {
        const township = townships[k]!;
        const tBox = townshipBoxes[k - first]!;
        townshipSink.feature(
          { code: township.code, countyCode: county.code, name: township.name, nameEn: '', kind: townshipKind(township.name) },
          boxPolygon(tBox),
        );
        summary.townships++;
        const count = villageCount(root, township.code, perTownship);
        const used = new Set<string>();
        for (let v = 0; v < count; v++) {
          const code = `${township.code.slice(0, 9)}${200 + v + 1}`;
          const vr = root.fork(`village:${code}`);
          const village = syntheticVillage(vr, code, township.code, pointIn(tBox, vr.float(), vr.float()), used, thresholds);
          const { location, ...properties } = village.record;
          villageSink.feature(properties, location);
          summary.villages++;
          for (const f of village.figures) figureSink.write(figuresLine(f));
          summary.figures += village.figures.length;
        }
      }
    });
  } finally {
    countySink.close();
    townshipSink.close();
    villageSink.close();
    figureSink.close();
  }
  return summary;
}

const POOR_PROVINCES = new Set(['52', '53', '54', '62', '63', '65', '64', '45', '43', '51', '61', '14']);
