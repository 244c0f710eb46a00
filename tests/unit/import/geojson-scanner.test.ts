/**
 * The national-scale reading parts of the importer: the GeoJSON scanner that
 * cuts "features" elements out of a text in any chunking, and DuplicateKeys
 * in typed arrays (exact, with the first row, UTF-8 keys included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuplicateKeys, FeatureScanner, openSource, SourceError } from '@lingyan/data';

const temp = mkdtempSync(join(tmpdir(), 'lingyan-scan-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const TEXT = `{"type":"FeatureCollection","name":"a \\"features\\": [{]","crs":{"features":[1,2]},
  "features" : [ {"type":"Feature","properties":{"name":"a}],\\"b","n":[1,{"x":"]"}]},"geometry":null} ,
  {"type":"Feature","properties":{"名称":"乌兰"},"geometry":{"type":"Point","coordinates":[1,2]}}
  ],"bbox":[0,0,1,1]}`;

function scanIn(chunks: string[]): unknown[] {
  const s = new FeatureScanner();
  const out = chunks.flatMap((c) => s.push(c)).map((t) => JSON.parse(t));
  s.end();
  return out;
}

describe('FeatureScanner', () => {
  const whole = scanIn([TEXT]);

  it('finds only the top-level features, strings with brackets and escapes included', () => {
    expect(whole).toEqual([
      { type: 'Feature', properties: { name: 'a}],"b', n: [1, { x: ']' }] }, geometry: null },
      { type: 'Feature', properties: { 名称: '乌兰' }, geometry: { type: 'Point', coordinates: [1, 2] } },
    ]);
  });

  it('gives the same features whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7, 64]) {
      const chunks = Array.from({ length: Math.ceil(TEXT.length / size) }, (_, i) => TEXT.slice(i * size, (i + 1) * size));
      expect(scanIn(chunks), `chunks of ${size}`).toEqual(whole);
    }
  });

  it('refuses a text that does not close or is not an object', () => {
    expect(() => scanIn([TEXT.slice(0, -5)])).toThrow(/unexpected end/);
    expect(() => scanIn(['[{"type":"Feature"}]'])).toThrow(/expected a JSON object/);
    expect(() => scanIn(['{"features":[]}}'])).toThrow(/unbalanced/);
  });

  it('reports a broken feature, a non-Feature and an empty collection as the file\'s problem', async () => {
    const read = async (name: string, text: string) => {
      const path = join(temp, name);
      writeFileSync(path, text);
      const source = await openSource(path, { encoding: null });
      try {
        for await (const _ of source.rows) { /* drain */ }
      } finally {
        await source.close();
      }
    };
    await expect(read('broken.geojson', '{"features":[{"type":"Feature","properties":{"a":tru}}]}')).rejects.toThrow(/not valid JSON \(features\[0\]/);
    await expect(read('number.geojson', '{"features":[{"type":"Feature","properties":{}},7]}')).rejects.toThrow('features[1] is not a GeoJSON Feature');
    await expect(read('empty.geojson', '{"type":"FeatureCollection","features":[]}')).rejects.toThrow(SourceError);
    await expect(read('truncated.geojson', TEXT.slice(0, -3))).rejects.toThrow(/not valid JSON \(unexpected end/);
  });
});

describe('DuplicateKeys', () => {
  it('answers the first row of a key seen again, exactly, across growth', () => {
    const keys = new DuplicateKeys();
    let repeated = 0;
    for (let i = 0; i < 50_000; i++) if (keys.seen(`1501021012${String(i).padStart(5, '0')}/2016`, i + 2) !== null) repeated++;
    expect(repeated).toBe(0);
    expect(keys.size).toBe(50_000);
    expect(keys.seen('150102101200000/2016', 1)).toBe(2);
    expect(keys.seen('150102101249999/2016', 1)).toBe(50_001);
    expect(keys.seen('150102101249999/2017', 9)).toBeNull();
    expect(keys.seen('嘎查/2016', 3)).toBeNull();
    expect(keys.seen('嘎查/2016', 4)).toBe(3);
    expect(keys.seen('', 5)).toBeNull();
    expect(keys.seen('', 6)).toBe(5);
  });
});
