import { describe, expect, it } from 'vitest';
import { RawJson, stringifyAnswer } from '../../../server/src/spatial/raw-json.js';

describe('raw JSON spliced in order', () => {
  it('puts each of many texts at its own place, among other values and in nested lists', () => {
    const texts = Array.from({ length: 600 }, (_, i) => `{"type":"Point","coordinates":[${100 + i / 7},${40 - i / 11}]}`);
    const answer = { data: { groups: [texts.slice(0, 300).map((t, i) => ({ code: `c${i}`, name: `村${i}`, location: new RawJson(t) })), texts.slice(300).map((t) => [new RawJson(t), null, 'x'])] } };
    const expected = { data: { groups: [texts.slice(0, 300).map((t, i) => ({ code: `c${i}`, name: `村${i}`, location: JSON.parse(t) })), texts.slice(300).map((t) => [JSON.parse(t), null, 'x'])] } };
    const text = stringifyAnswer(answer);
    expect(JSON.parse(text)).toEqual(expected);
    expect(text).toContain(`"location":${texts[299]}}`);
    expect(text).toBe(JSON.stringify(expected));
  });

  it('writes one value met twice twice, and an answer without any unchanged', () => {
    const shared = new RawJson('{"type":"Point","coordinates":[1.5,2]}');
    expect(stringifyAnswer({ a: shared, b: [shared] })).toBe('{"a":{"type":"Point","coordinates":[1.5,2]},"b":[{"type":"Point","coordinates":[1.5,2]}]}');
    expect(stringifyAnswer({ a: 'rawjson', b: [1, '\u0001'] })).toBe(JSON.stringify({ a: 'rawjson', b: [1, '\u0001'] }));
  });

  it('leaves texts holding quotes, backslashes and control characters as they are', () => {
    const odd = '{"name":"a \\"quoted\\" \\\\ name\\u0001"}';
    expect(JSON.parse(stringifyAnswer({ v: new RawJson(odd), after: '\u0001rawjson:' }))).toEqual({ v: JSON.parse(odd), after: '\u0001rawjson:' });
  });
});
