/**
 * What the later stages of the generator (organisations, alliances, projects,
 * pairings, assistance) share: the places, their yearly figures, thresholds,
 * and a few look-ups.
 */
import type { OrganisationRecord, Thresholds, VillageYearRecord } from '../records.js';
import type { Places } from './places.js';
import { distanceKm } from './projection.js';
import { FIRST_YEAR } from './poverty.js';
import { isStrong, isWeak } from './rules.js';

export class Context {
  private readonly distances = new Map<number, number>();

  constructor(
    readonly places: Places,
    /** village by village, each with all years in order */
    readonly figures: VillageYearRecord[],
    readonly thresholds: Thresholds,
    readonly yearCount: number,
  ) {}

  get villageCount(): number {
    return this.places.villages.length;
  }

  figure(village: number, year: number): VillageYearRecord {
    const row = this.figures[village * this.yearCount + (year - FIRST_YEAR)];
    if (!row) throw new Error(`context: no figures for village ${village} in ${year}`);
    return row;
  }

  /** Great-circle distance between two villages, km. */
  distance(a: number, b: number): number {
    const key = a < b ? a * 100000 + b : b * 100000 + a;
    let d = this.distances.get(key);
    if (d === undefined) {
      const pa = this.places.villages[a]!.record.location.coordinates;
      const pb = this.places.villages[b]!.record.location.coordinates;
      d = distanceKm(pa, pb);
      this.distances.set(key, d);
    }
    return d;
  }

  /** Strong by rule and not weak by any condition. */
  strong(village: number, year: number): boolean {
    const f = this.figure(village, year);
    return isStrong(this.places.villages[village]!.record, f, this.thresholds);
  }

  weak(village: number, year: number): boolean {
    return isWeak(this.places.villages[village]!.record, this.figure(village, year), this.thresholds);
  }

  /** Highest poor-household count of a village over the years. */
  maxPoorHouseholds(village: number): number {
    let max = 0;
    for (let k = 0; k < this.yearCount; k++) max = Math.max(max, this.figures[village * this.yearCount + k]!.poorHouseholds);
    return max;
  }
}

/** Hands out organisation ids in order. */
export class OrganisationRegistry {
  readonly list: OrganisationRecord[] = [];

  add(org: Omit<OrganisationRecord, 'id'>): number {
    const id = this.list.length + 1;
    this.list.push({ id, ...org });
    return id;
  }

  get(id: number): OrganisationRecord {
    const org = this.list[id - 1];
    if (!org) throw new Error(`organisations: no organisation ${id}`);
    return org;
  }
}
