/**
 * Reading what the atlas exports, independently of the browser that made it:
 * a PNG decoder (8-bit RGB/RGBA, non-interlaced: what canvas.toBlob writes)
 * with its text chunks, and an RFC 4180 CSV reader.
 */
import { unzlibSync } from 'fflate';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, row by row */
  rgba: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function decodePng(bytes: Uint8Array): DecodedPng {
  if (!SIGNATURE.every((b, i) => bytes[i] === b)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0, height = 0, colorType = 0;
  const idat: Uint8Array[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const [depth, color, , , interlace] = data.subarray(8, 13);
      if (depth !== 8 || (color !== 2 && color !== 6) || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${color}, interlace ${interlace}`);
      }
      colorType = color;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  const joined = new Uint8Array(idat.reduce((n, d) => n + d.length, 0));
  idat.reduce((offset, d) => (joined.set(d, offset), offset + d.length), 0);
  const raw = unzlibSync(joined);
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const a = x >= channels ? pixels[out + x - channels]! : 0;
      const b = y > 0 ? pixels[out - stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[out - stride + x - channels]! : 0;
      const predictor = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter} on row ${y}`);
      pixels[out + x] = (line[x]! + predictor) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < pixels.length; i += 3, j += 4) rgba.set([pixels[i]!, pixels[i + 1]!, pixels[i + 2]!, 255], j);
  return { width, height, rgba };
}

/** The PNG's text chunks (tEXt Latin-1, iTXt UTF-8 uncompressed), by keyword. */
export function pngText(bytes: Uint8Array): Record<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const texts: Record<string, string> = {};
  const utf8 = new TextDecoder();
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const data = bytes.subarray(at + 8, at + 8 + length);
    const nul = data.indexOf(0);
    if (type === 'tEXt') texts[utf8.decode(data.subarray(0, nul))] = String.fromCharCode(...data.subarray(nul + 1));
    if (type === 'iTXt') {
      if (data[nul + 1] !== 0) throw new Error('compressed iTXt chunk');
      const language = data.indexOf(0, nul + 3);
      const translated = data.indexOf(0, language + 1);
      texts[utf8.decode(data.subarray(0, nul))] = utf8.decode(data.subarray(translated + 1));
    }
    if (type === 'IEND') break;
    at += 12 + length;
  }
  return texts;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Distinct colours, and per wanted colour the pixels within ±2 per channel, in rows [fromRow, toRow). */
export function pngColors(png: DecodedPng, wanted: Array<[number, number, number]>, fromRow = 0, toRow = png.height) {
  const distinct = new Set<number>();
  const matches = wanted.map(() => 0);
  for (let i = fromRow * png.width * 4; i < toRow * png.width * 4; i += 4) {
    const r = png.rgba[i]!, g = png.rgba[i + 1]!, b = png.rgba[i + 2]!;
    distinct.add((r << 16) | (g << 8) | b);
    wanted.forEach(([wr, wg, wb], k) => {
      if (Math.abs(r - wr) <= 2 && Math.abs(g - wg) <= 2 && Math.abs(b - wb) <= 2) matches[k]! += 1;
    });
  }
  return { distinct: distinct.size, matches };
}

/** RFC 4180: fields split by commas, records by CRLF, quoted fields may hold both and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), (i += 1);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') record.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      (record = []), (field = ''), (i += 1);
    } else field += ch;
  }
  if (field !== '' || record.length > 0) throw new Error('CSV does not end with CRLF');
  return records;
}
