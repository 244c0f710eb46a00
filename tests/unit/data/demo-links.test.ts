import turfDistance from '@turf/distance';
import { describe, expect, it } from 'vitest';
import { checkPairing, type HelperFacts } from '../../../server/src/domain/planning.js';
import { demo, figure, isStrongIn, isWeakIn, organisationById, townshipByCode, verdict, villageByCode, YEARS } from './demo-dataset.js';

const km = (a: string, b: string): number =>
  turfDistance(villageByCode.get(a)!.location, villageByCode.get(b)!.location, { units: 'kilometers' });

describe('demo organisations', () => {
  it('has cooperatives (some led by the branch), platform companies and enterprises with sane counts', () => {
    const kinds = new Set(demo.organisations.map((o) => o.kind));
    expect(kinds).toEqual(new Set(['COOPERATIVE', 'PLATFORM_COMPANY', 'ENTERPRISE']));
    const coops = demo.organisations.filter((o) => o.kind === 'COOPERATIVE');
    expect(coops.some((o) => o.ledByBranch)).toBe(true);
    expect(coops.some((o) => !o.ledByBranch)).toBe(true);
    for (const o of demo.organisations) {
      expect(o.memberHouseholds, String(o.id)).toBeGreaterThanOrEqual(o.poorMemberHouseholds);
      expect(o.poorMemberHouseholds, String(o.id)).toBeGreaterThanOrEqual(0);
      if (o.villageCode !== null) expect(villageByCode.has(o.villageCode), String(o.id)).toBe(true);
      if (o.kind !== 'ENTERPRISE') expect(o.villageCode, String(o.id)).not.toBeNull();
    }
    expect(demo.organisations.map((o) => o.id)).toEqual(demo.organisations.map((_, i) => i + 1));
  });
});

describe('demo alliances (联合党委)', () => {
  it('has about 25 alliances of 2–8 villages around a centre that is a member', () => {
    expect(demo.alliances.length).toBeGreaterThanOrEqual(20);
    expect(demo.alliances.length).toBeLessThanOrEqual(30);
    for (const a of demo.alliances) {
      expect(a.memberVillageCodes.length, a.name).toBeGreaterThanOrEqual(2);
      expect(a.memberVillageCodes.length, a.name).toBeLessThanOrEqual(8);
      expect(a.memberVillageCodes, a.name).toContain(a.centreVillageCode);
      for (const code of a.memberVillageCodes) expect(villageByCode.has(code), code).toBe(true);
    }
  });

  it('keeps members in the centre’s township or one sharing a border with it', () => {
    // adjacency from the committed polygons: townships sharing a boundary segment
    const edges = new Map<string, Set<string>>();
    for (const t of demo.townships) {
      const ring = t.boundary.coordinates[0]![0]!;
      for (let i = 0; i + 1 < ring.length; i++) {
        const seg = [ring[i]!.join(','), ring[i + 1]!.join(',')].sort().join('|');
        const owners = edges.get(seg) ?? new Set<string>();
        owners.add(t.code);
        edges.set(seg, owners);
      }
    }
    const adjacent = new Set<string>();
    for (const owners of edges.values()) {
      const [a, b] = [...owners];
      if (a && b) adjacent.add(`${a}|${b}`).add(`${b}|${a}`);
    }
    for (const a of demo.alliances) {
      const home = villageByCode.get(a.centreVillageCode)!.townshipCode;
      for (const code of a.memberVillageCodes) {
        const t = villageByCode.get(code)!.townshipCode;
        expect(t === home || adjacent.has(`${t}|${home}`), `${a.name}: ${code}`).toBe(true);
      }
    }
    expect(townshipByCode.size).toBeGreaterThan(0);
  });

  it('puts a village in at most one alliance, and links platform companies', () => {
    const all = demo.alliances.flatMap((a) => a.memberVillageCodes);
    expect(new Set(all).size).toBe(all.length);
    const withPlatform = demo.alliances.filter((a) => a.platformCompanyId !== null);
    expect(withPlatform.length).toBeGreaterThan(0);
    expect(withPlatform.length).toBeLessThan(demo.alliances.length);
    for (const a of withPlatform) expect(organisationById.get(a.platformCompanyId!)?.kind).toBe('PLATFORM_COMPANY');
  });
});

describe('demo pairings', () => {
  const byKind = (kind: string) => demo.pairings.filter((p) => p.kind === kind);

  it('has about 120 pairings of all three kinds', () => {
    expect(demo.pairings.length).toBeGreaterThanOrEqual(100);
    expect(demo.pairings.length).toBeLessThanOrEqual(140);
    for (const kind of ['STRONG_HELPS_WEAK', 'CENTRE_RADIATES', 'ENTERPRISE_VILLAGE']) expect(byKind(kind).length).toBeGreaterThan(10);
  });

  it('sets exactly one helper, never the helped village itself, and ends no earlier than it starts', () => {
    for (const p of demo.pairings) {
      expect((p.helperVillageCode === null) !== (p.helperOrganisationId === null), String(p.id)).toBe(true);
      expect(p.helperVillageCode, String(p.id)).not.toBe(p.helpedVillageCode);
      expect(villageByCode.has(p.helpedVillageCode)).toBe(true);
      if (p.endYear !== null) expect(p.endYear, String(p.id)).toBeGreaterThanOrEqual(p.startYear);
    }
    expect(demo.pairings.some((p) => p.endYear !== null)).toBe(true);
  });

  it('keeps at most one active pairing per helper and helped village', () => {
    const active = demo.pairings
      .filter((p) => p.endYear === null)
      .map((p) => `${p.helperVillageCode ?? `org:${p.helperOrganisationId}`}>${p.helpedVillageCode}`);
    expect(new Set(active).size).toBe(active.length);
  });

  it('obeys the rule createPairing and the importer enforce (checkPairing), every pairing of every kind', () => {
    const open = (p: (typeof demo.pairings)[number]) => `${p.helperVillageCode ?? `org:${p.helperOrganisationId}`}>${p.helpedVillageCode}`;
    for (const p of demo.pairings) {
      let helper: HelperFacts;
      if (p.helperVillageCode !== null) {
        const village = villageByCode.get(p.helperVillageCode)!;
        const row = demo.villageYears.find((r) => r.villageCode === village.code && r.year === p.startYear);
        helper = { kind: 'village', code: village.code, year: p.startYear, verdict: row ? verdict(village, row) : null };
      } else {
        const o = organisationById.get(p.helperOrganisationId!)!;
        helper = { kind: 'organisation', id: o.id, organisationKind: o.kind };
      }
      // as the importer judges a file: another open pairing of the same helper and village is a duplicate
      const duplicate = p.endYear === null && demo.pairings.some((q) => q !== p && q.endYear === null && open(q) === open(p));
      expect(checkPairing(p.kind, helper, p.helpedVillageCode, duplicate), `pairing ${p.id} (${p.kind})`).toEqual([]);
    }
  });

  it('has a strong village help a weak one in the start year (强村带弱村)', () => {
    for (const p of byKind('STRONG_HELPS_WEAK')) {
      const helper = villageByCode.get(p.helperVillageCode!)!;
      const helped = villageByCode.get(p.helpedVillageCode)!;
      expect(isStrongIn(helper, figure(helper.code, p.startYear)), `helper of ${p.id}`).toBe(true);
      expect(isWeakIn(helped, figure(helped.code, p.startYear)), `helped of ${p.id}`).toBe(true);
    }
  });

  it('radiates from alliance centres to villages nearby, and links enterprises', () => {
    const centres = new Set(demo.alliances.map((a) => a.centreVillageCode));
    for (const p of byKind('CENTRE_RADIATES')) {
      expect(centres.has(p.helperVillageCode!), String(p.id)).toBe(true);
      expect(km(p.helperVillageCode!, p.helpedVillageCode), String(p.id)).toBeLessThan(20);
    }
    for (const p of byKind('ENTERPRISE_VILLAGE')) {
      expect(p.helperVillageCode).toBeNull();
      expect(organisationById.get(p.helperOrganisationId!)?.kind, String(p.id)).toBe('ENTERPRISE');
    }
  });

  it('keeps village helpers mostly within 30 km, a few farther, and leaves weak villages without help', () => {
    const villagePairs = demo.pairings.filter((p) => p.helperVillageCode !== null);
    const far = villagePairs.filter((p) => km(p.helperVillageCode!, p.helpedVillageCode) > 30).length;
    expect(far).toBeGreaterThan(0);
    expect(far / villagePairs.length).toBeLessThan(0.15);
    const helped = new Set(demo.pairings.map((p) => p.helpedVillageCode));
    const unhelped = demo.villages.filter((v) => !helped.has(v.code) && isWeakIn(v, figure(v.code, 2025)));
    expect(unhelped.length).toBeGreaterThan(0);
  });
});

describe('demo industry projects', () => {
  const cents = (x: number): number => Math.round(x * 100);

  it('has about 150 projects across the industries, some retired', () => {
    expect(demo.industryProjects.length).toBeGreaterThanOrEqual(130);
    expect(demo.industryProjects.length).toBeLessThanOrEqual(170);
    expect(new Set(demo.industryProjects.map((p) => p.type)).size).toBe(9);
    expect(demo.industryProjects.some((p) => p.endYear !== null)).toBe(true);
  });

  it('splits the investment into five sources that add up exactly', () => {
    for (const p of demo.industryProjects) {
      const parts = [p.investmentFiscal, p.investmentAssisting, p.investmentCollective, p.investmentEnterprise, p.investmentOther];
      for (const x of [p.investmentTotal, ...parts]) {
        expect(x, String(p.id)).toBeGreaterThanOrEqual(0);
        expect(cents(x) / 100, String(p.id)).toBe(x);
      }
      expect(parts.reduce((s, x) => s + cents(x), 0), String(p.id)).toBe(cents(p.investmentTotal));
    }
  });

  it('has sane beneficiaries, operators, villages and years', () => {
    for (const p of demo.industryProjects) {
      expect(p.beneficiaryPoorHouseholds, String(p.id)).toBeLessThanOrEqual(p.beneficiaryHouseholds);
      expect(p.beneficiaryPoorHouseholds, String(p.id)).toBeGreaterThanOrEqual(0);
      expect(villageByCode.has(p.villageCode)).toBe(true);
      if (p.operatorId !== null) expect(organisationById.has(p.operatorId), String(p.id)).toBe(true);
      if (p.endYear !== null) expect(p.endYear, String(p.id)).toBeGreaterThan(p.startYear);
      expect(YEARS).toContain(p.startYear);
    }
  });
});

describe('demo assistance', () => {
  it('has about 30 assisting units of every kind, each with funded assignments', () => {
    expect(demo.assistingUnits.length).toBeGreaterThanOrEqual(25);
    expect(new Set(demo.assistingUnits.map((u) => u.kind))).toEqual(new Set(['GOVERNMENT', 'ENTERPRISE', 'INSTITUTION']));
    const units = new Set(demo.assistingUnits.map((u) => u.id));
    for (const u of demo.assistingUnits) expect(demo.assignments.some((a) => a.unitId === u.id), u.name).toBe(true);
    for (const a of demo.assignments) {
      expect(units.has(a.unitId)).toBe(true);
      expect(villageByCode.has(a.villageCode)).toBe(true);
      const last = a.endYear ?? 2025;
      expect(a.funds.map((f) => f.year)).toEqual(YEARS.filter((y) => y >= a.startYear && y <= last));
      for (const f of a.funds) expect(f.amount).toBeGreaterThan(0);
    }
  });

  it('stations work teams of two or more in most poor villages, sent by assisting units', () => {
    const units = new Set(demo.assistingUnits.map((u) => u.id));
    for (const t of demo.workTeams) {
      expect(t.members).toBeGreaterThanOrEqual(2);
      expect(units.has(t.dispatchingUnitId)).toBe(true);
      if (t.endYear !== null) expect(t.endYear).toBeGreaterThanOrEqual(t.startYear);
    }
    const poor = demo.villages.filter((v) => v.isPoorVillage);
    const withTeam = poor.filter((v) => demo.workTeams.some((t) => t.villageCode === v.code));
    expect(withTeam.length / poor.length).toBeGreaterThan(0.7);
    expect(withTeam.length).toBeLessThan(poor.length);
  });
});
