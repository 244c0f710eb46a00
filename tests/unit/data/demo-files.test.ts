import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DATASET_FILES,
  DEMO_DIR,
  generateDemoRegion,
  readDataset,
  writeDataset,
  type RegionDataset,
} from '@lingyan/data';
// The committed region as readDemoRegion() gives it, read once for every data test of the worker.
import { demo } from './demo-dataset.js';

const temp = mkdtempSync(join(tmpdir(), 'lingyan-demo-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the committed demo region', () => {
  const generated = generateDemoRegion();

  it('is exactly what the generator writes (no drift)', () => {
    const dir = join(temp, 'regenerated');
    writeDataset(dir, generated);
    expect(readdirSync(dir).sort()).toEqual([...DATASET_FILES].sort());
    for (const file of DATASET_FILES) {
      const fresh = readFileSync(join(dir, file));
      const committed = readFileSync(join(DEMO_DIR, file));
      expect(fresh.equals(committed), `${file} differs from a fresh run; run pnpm --filter @lingyan/data generate`).toBe(true);
    }
  });

  it('holds no file the format does not define', () => {
    expect(readdirSync(DEMO_DIR).sort()).toEqual([...DATASET_FILES].sort());
  });

  it('reads back as exactly the generated records', () => {
    expect(demo).toEqual(generated);
  });

  it('is generated the same way twice and differently from another seed', () => {
    const again = generateDemoRegion();
    expect(again).toEqual(generated);
    const other = generateDemoRegion(7);
    expect(other.villages.map((v) => v.name)).not.toEqual(generated.villages.map((v) => v.name));
  });

  it('stays under 5 MB', () => {
    const total = DATASET_FILES.reduce((s, f) => s + statSync(join(DEMO_DIR, f)).size, 0);
    expect(total).toBeLessThan(5 * 1024 * 1024);
  });
});

describe('writeDataset / readDataset', () => {
  it('round-trips quoting, nulls, booleans, numbers and lists', () => {
    const base = demo;
    const tricky: RegionDataset = {
      ...base,
      organisations: [
        { ...base.organisations[0]!, name: 'Smith, "Jones" & 合作社\nLine two', villageCode: null, ledByBranch: true },
      ],
      alliances: [{ ...base.alliances[0]!, memberVillageCodes: ['159901101201', '159901101202'], platformCompanyId: null }],
      villageYears: [{ ...base.villageYears[0]!, collectiveIncome: 0.1 + 0.2, softLax: true }],
      assignments: [{ ...base.assignments[0]!, endYear: null, funds: [{ year: 2016, amount: 12.34 }] }],
    };
    const dir = join(temp, 'tricky');
    writeDataset(dir, tricky);
    expect(readFileSync(join(dir, 'organisations.csv'), 'utf8')).toContain('"Smith, ""Jones"" & 合作社\nLine two"');
    expect(readDataset(dir)).toEqual(tricky);
  });

  it('rejects a CSV whose header does not match the format', () => {
    const dir = join(temp, 'broken');
    writeDataset(dir, demo);
    const file = join(dir, 'pairings.csv');
    const text = readFileSync(file, 'utf8').replace('helpedVillageCode', 'helped');
    writeFileSync(file, text);
    expect(() => readDataset(dir)).toThrow(/pairings\.csv: header/);
  });
});
