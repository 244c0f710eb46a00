/**
 * Which record properties the fields of the Village type read, so a list of
 * villages reads only the columns its selection needs (spatial/village-records.ts).
 * A field not listed here reads the whole record: a new field is correct
 * before it is fast.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { VILLAGE_PROPERTIES, type VillageProperty } from '../spatial/village-records.js';
import { selectedFields } from './selection.js';

/** Village fields and the record properties their value comes from (beyond the key, `code`, always read). */
export const VILLAGE_FIELD_READS: Readonly<Record<string, readonly VillageProperty[]>> = {
  __typename: [],
  code: [],
  name: ['name'],
  nameEn: ['nameEn'],
  kind: ['kind'],
  location: ['location'],
  isPoorVillage: ['isPoorVillage'],
  exitedYear: ['exitedYear'],
  status: ['isPoorVillage', 'exitedYear'],
  township: ['township'],
  county: ['township'],
  branch: ['branchName', 'branchFocus', 'branchGovernance15'],
  alliance: ['alliance'],
  // Distances come with the search's rows; the rest are loaded by the village's code.
  distanceMeters: [],
  figures: [],
  years: [],
  pairingsReceived: [],
  pairingsGiven: [],
  industryProjects: [],
  organisations: [],
  assignments: [],
  workTeams: [],
  povertyCauses: [],
};

/** The properties read for each selection (selectedFields keeps one set per operation and path). */
const readsOf = new WeakMap<ReadonlySet<string>, readonly VillageProperty[]>();

/** The properties the Village fields selected at `path` below the resolver's field read (`['items']` for a page). */
export function villageReads(info: GraphQLResolveInfo, path: readonly string[] = []): readonly VillageProperty[] {
  const fields = selectedFields(info, path);
  let reads = readsOf.get(fields);
  if (!reads) readsOf.set(fields, (reads = villageReadsOf(fields)));
  return reads;
}

/** The properties `fields` of the Village type read: all of them if one is not in VILLAGE_FIELD_READS. */
export function villageReadsOf(fields: Iterable<string>): VillageProperty[] {
  const read = new Set<VillageProperty>();
  for (const field of fields) {
    const properties = Object.hasOwn(VILLAGE_FIELD_READS, field) ? VILLAGE_FIELD_READS[field] : undefined;
    if (!properties) return VILLAGE_PROPERTIES;
    for (const p of properties) read.add(p);
  }
  return [...read];
}
