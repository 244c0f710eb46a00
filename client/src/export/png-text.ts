/**
 * Text chunks for an exported PNG (PNG 1.2 §11.3.4, iTXt: UTF-8, so Chinese
 * too): title, description (every text drawn on the image, in reading order),
 * source, creation time and the boundary note, where file browsers, image
 * viewers and search read them. Inserted after the header chunk of the
 * canvas's PNG, each with its CRC-32.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Keywords are 1-79 Latin-1 characters without a NUL (PNG 1.2 §11.3.4.2). */
function checkKeyword(keyword: string): void {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new RangeError(`PNG text keyword "${keyword}" is not 1-79 printable ASCII characters`);
}

/** One uncompressed iTXt chunk, length and CRC included. */
export function itxtChunk(keyword: string, text: string, language = ''): Uint8Array {
  checkKeyword(keyword);
  const encoder = new TextEncoder();
  // keyword NUL, compression flag 0, method 0, language tag NUL, translated keyword (none) NUL, text.
  const data = new Uint8Array([...encoder.encode(keyword), 0, 0, 0, ...encoder.encode(language), 0, 0, ...encoder.encode(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(encoder.encode('iTXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** The PNG with the texts inserted right after its IHDR chunk. */
export function withPngText(png: Uint8Array, texts: ReadonlyArray<readonly [keyword: string, text: string]>, language = ''): Uint8Array<ArrayBuffer> {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('not a PNG file');
  const ihdrLength = new DataView(png.buffer, png.byteOffset).getUint32(8);
  const afterHeader = 8 + 12 + ihdrLength;
  const chunks = texts.map(([keyword, text]) => itxtChunk(keyword, text, language));
  const out = new Uint8Array(png.length + chunks.reduce((n, c) => n + c.length, 0));
  out.set(png.subarray(0, afterHeader), 0);
  let at = afterHeader;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(afterHeader), at);
  return out;
}
