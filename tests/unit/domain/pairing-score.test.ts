import { describe, expect, it } from 'vitest';
import { SCORE_WEIGHTS, compareNeed, rankCandidates, scoreCandidate, type CandidateFacts } from '../../../server/src/domain/pairing-score.js';

const base: CandidateFacts = { distanceMeters: 5000, helperIncome: 25, weakIncome: 5, helperIndustries: ['LIVESTOCK', 'VEGETABLES'], weakIndustries: ['VEGETABLES'], currentLoad: 0 };
const points = (f: CandidateFacts, radius = 20_000, target = 10) => Object.fromEntries(scoreCandidate(f, radius, target).factors.map((x) => [x.factor, x.points]));

describe('scoreCandidate', () => {
  it('weighs distance 40, income gap 30, shared industry 20, load 10, adding to at most 100', () => {
    expect(SCORE_WEIGHTS).toEqual({ DISTANCE: 40, INCOME_GAP: 30, SHARED_INDUSTRY: 20, LOAD: 10 });
    const best = scoreCandidate({ ...base, distanceMeters: 0, helperIncome: 100 }, 20_000, 10);
    expect(best.score).toBe(100);
  });

  it('gives each factor its value with the reason', () => {
    const s = scoreCandidate(base, 20_000, 10);
    expect(s.factors).toEqual([
      { factor: 'DISTANCE', weight: 40, value: 0.75, points: 30, explanation: '5.0 km away (radius 20.0 km)' },
      { factor: 'INCOME_GAP', weight: 30, value: 1, points: 30, explanation: 'collective income 25.00 vs 5.00 万元 (gap 20.00; full marks at 20.00)' },
      { factor: 'SHARED_INDUSTRY', weight: 20, value: 1, points: 20, explanation: 'both run VEGETABLES' },
      { factor: 'LOAD', weight: 10, value: 1, points: 10, explanation: 'helps no other village yet' },
    ]);
    expect(s.score).toBe(90);
  });

  it('falls to 0 distance points at the edge of the radius and never below', () => {
    expect(points({ ...base, distanceMeters: 20_000 }).DISTANCE).toBe(0);
    expect(points({ ...base, distanceMeters: 25_000 }).DISTANCE).toBe(0);
  });

  it('gives no income points when the helper earns less, and half at a gap of one target', () => {
    expect(points({ ...base, helperIncome: 4 }).INCOME_GAP).toBe(0);
    expect(points({ ...base, helperIncome: 15 }).INCOME_GAP).toBe(15);
  });

  it('counts shared industry against the weak village\'s own types, and explains when it has none', () => {
    expect(points({ ...base, weakIndustries: ['VEGETABLES', 'POTATOES'] }).SHARED_INDUSTRY).toBe(10);
    const none = scoreCandidate({ ...base, weakIndustries: [] }, 20_000, 10).factors[2]!;
    expect(none).toMatchObject({ value: 0, explanation: 'the weak village runs no industry project yet' });
    expect(scoreCandidate({ ...base, helperIndustries: ['LIVESTOCK'] }, 20_000, 10).factors[2]!.explanation).toBe('no industry type in common');
  });

  it('lowers the load points as the helper takes on more villages', () => {
    expect(points({ ...base, currentLoad: 1 }).LOAD).toBe(5);
    expect(points({ ...base, currentLoad: 3 }).LOAD).toBe(2.5);
    expect(scoreCandidate({ ...base, currentLoad: 1 }, 20_000, 10).factors[3]!.explanation).toBe('already helps 1 village');
    expect(scoreCandidate({ ...base, currentLoad: 2 }, 20_000, 10).factors[3]!.explanation).toBe('already helps 2 villages');
  });
});

describe('rankCandidates', () => {
  it('puts the higher score first, the nearer on a tie, then the lower code', () => {
    const mk = (code: string, score: number, distanceMeters: number) => ({ code, distanceMeters, score: { score, factors: [] } });
    const ranked = rankCandidates([mk('C', 50, 900), mk('B', 50, 100), mk('A', 50, 100), mk('D', 70, 5000)]);
    expect(ranked.map((c) => c.code)).toEqual(['D', 'A', 'B', 'C']);
  });
});

describe('compareNeed', () => {
  it('orders by number of weak reasons, then incidence (unknown last), then lower income', () => {
    const v = (code: string, reasons: number, incidence: number | null, income: number) => ({ code, weakReasons: Array(reasons).fill('X'), povertyIncidence: incidence, collectiveIncome: income });
    const list = [v('a', 1, 10, 2), v('b', 2, 1, 9), v('c', 1, 10, 1), v('d', 1, null, 0), v('e', 1, 20, 9)];
    expect(list.sort(compareNeed).map((x) => x.code)).toEqual(['b', 'e', 'c', 'a', 'd']);
  });
});
