import { describe, expect, it } from 'vitest';
import { RawJson, stringifyAnswer } from '../../../server/src/spatial/raw-json.js';

describe('raw JSON in answers', () => {
  const point = '{"type":"Point","coordinates":[116.123456,43.9]}';

  it('splices the text unchanged where the value stands', () => {
    const answer = { data: { villages: { items: [{ code: 'a', location: new RawJson(point) }, { code: 'b', location: new RawJson('{"type":"Point","coordinates":[1,2]}') }] } } };
    const text = stringifyAnswer(answer);
    expect(text).toBe(`{"data":{"villages":{"items":[{"code":"a","location":${point}},{"code":"b","location":{"type":"Point","coordinates":[1,2]}}]}}}`);
    expect(JSON.parse(text)).toEqual({ data: { villages: { items: [{ code: 'a', location: JSON.parse(point) }, { code: 'b', location: { type: 'Point', coordinates: [1, 2] } }] } } });
  });

  it('gives the parsed value to any other serialiser (WebSocket messages, tests)', () => {
    expect(JSON.stringify({ location: new RawJson(point) })).toBe(`{"location":${point}}`);
  });

  it('leaves strings that look like a marker as strings', () => {
    const lookalikes = ['\u0001rawjson:0', '\u0001rawjson:abc:0', '"\\u0001rawjson:', ''];
    const answer = { data: { names: lookalikes, location: new RawJson(point) } };
    expect(JSON.parse(stringifyAnswer(answer))).toEqual({ data: { names: lookalikes, location: JSON.parse(point) } });
  });

  it('stays correct after a serialiser throws part-way', () => {
    const cyclic: Record<string, unknown> = { location: new RawJson(point) };
    cyclic.self = cyclic;
    expect(() => stringifyAnswer(cyclic)).toThrow(TypeError);
    expect(JSON.stringify(new RawJson(point))).toBe(point);
  });

  it('answers without raw values are plain JSON.stringify', () => {
    const answer = { data: { a: [1, 'x', null, { b: true }] }, errors: [{ message: 'm' }] };
    expect(stringifyAnswer(answer)).toBe(JSON.stringify(answer));
  });
});
