/**
 * JSON text that is already an answer's value, sent as it is. A village's
 * location comes from PostGIS as GeoJSON text (ST_AsGeoJSON); parsing it into
 * objects only for JSON.stringify to write the same text again cost a box of
 * a few hundred villages about a tenth of its CPU time (the parse, the
 * objects' garbage, and the stringify of the nested arrays).
 *
 * A `RawJson` is a resolver's value like any other. `stringifyAnswer` (the
 * hub's one serialiser of answers: Apollo's `stringifyResult` and the
 * response cache's size check) splices its text in unchanged. Anywhere else
 * that serialises an answer (the WebSocket's messages, a test reading
 * `executeOperation`'s data through JSON) gets the parsed value from
 * `toJSON`, so the answer is the same whichever way it is written.
 *
 * Only text PostGIS wrote may be wrapped: the text is not checked.
 * Guarded by tests/unit/graphql/raw-json.test.ts (the text spliced as is;
 * the parsed value elsewhere; a string that looks like the marker stays a
 * string), tests/unit/graphql/raw-json-order.test.ts (many texts, each in
 * its place) and tests/api/village-columns.test.ts (a record's location answers
 * as the managed entity's parsed Point does).
 */
import { randomBytes } from 'node:crypto';

/** A marker no answer's string can hold unless it knows this process's random part. */
const MARK = `\u0001rawjson:${randomBytes(9).toString('base64url')}`;
/** The marker as JSON.stringify writes it: quoted, its control character escaped. */
const MARK_WRITTEN = JSON.stringify(MARK);

/** The texts met while `stringifyAnswer` runs (JSON.stringify is synchronous: no other answer can interleave). */
let spliced: string[] | null = null;

export class RawJson {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    if (spliced === null) return JSON.parse(this.text);
    spliced.push(this.text);
    return MARK;
  }
}

/** JSON.stringify of an answer, with every RawJson's text in its place. */
export function stringifyAnswer(value: unknown): string {
  const texts: string[] = [];
  spliced = texts;
  let text: string;
  try {
    text = JSON.stringify(value);
  } finally {
    spliced = null;
  }
  if (texts.length === 0) return text;
  // The markers stand in the text in the order their texts were met: cut at each, put each text between.
  // A split and concatenation: a regular expression's replace with a callback over a box answer's text costs
  // about as much as the JSON.stringify before it.
  const parts = text.split(MARK_WRITTEN);
  if (parts.length !== texts.length + 1) throw new Error(`raw JSON: ${texts.length} values met but ${parts.length - 1} markers written`);
  let out = parts[0]!;
  for (let i = 0; i < texts.length; i++) out += texts[i]! + parts[i + 1]!;
  return out;
}
