/** The committed demo region, read once per worker (the unit files share one module graph), with look-ups the tests share. */
import { readDemoRegion, type RegionDataset, type VillageRecord, type VillageYearRecord } from '@lingyan/data';
import { classifyStrength, povertyStatus } from '../../../server/src/domain/rules.js';

export const demo: RegionDataset = readDemoRegion();
export const thresholds = demo.prefecture.thresholds;

export const villageByCode = new Map<string, VillageRecord>(demo.villages.map((v) => [v.code, v]));
export const townshipByCode = new Map(demo.townships.map((t) => [t.code, t]));
export const countyByCode = new Map(demo.counties.map((c) => [c.code, c]));
export const organisationById = new Map(demo.organisations.map((o) => [o.id, o]));

const figuresByKey = new Map<string, VillageYearRecord>(demo.villageYears.map((r) => [`${r.villageCode}/${r.year}`, r]));
export function figure(villageCode: string, year: number): VillageYearRecord {
  const row = figuresByKey.get(`${villageCode}/${year}`);
  if (!row) throw new Error(`no figures for ${villageCode} in ${year}`);
  return row;
}

export const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025];

/** Poverty incidence (%) of a set of village-year rows. */
export function incidence(rows: VillageYearRecord[]): number {
  const poor = rows.reduce((s, r) => s + r.poorPopulation, 0);
  const rural = rows.reduce((s, r) => s + r.ruralPopulation, 0);
  return (100 * poor) / rural;
}

export const countyOfVillage = (code: string): string => `${code.slice(0, 6)}000000`;
export const townshipOfVillage = (code: string): string => `${code.slice(0, 9)}000`;

/** The server's rules (the one implementation) applied to a demo village-year. */
export function verdict(village: VillageRecord, row: VillageYearRecord) {
  return classifyStrength({ ...row, status: povertyStatus(village, row.year) }, thresholds)!;
}
export const isWeakIn = (village: VillageRecord, row: VillageYearRecord): boolean => verdict(village, row).strength === 'WEAK';
export const isStrongIn = (village: VillageRecord, row: VillageYearRecord): boolean => verdict(village, row).strength === 'STRONG';
