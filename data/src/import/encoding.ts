/**
 * Text encodings of files from Chinese offices: UTF-8 (with or without a
 * BOM) or GBK/GB18030, which is what Excel and ArcGIS on a Chinese Windows
 * save. GB18030 is a superset of GBK, so one decoder reads both.
 *
 * Detection is by validity rather than statistics: GBK text of any length is
 * almost never valid UTF-8, so a sample that fails strict UTF-8 decoding is
 * GB18030. An all-ASCII sample is UTF-8 (they agree on ASCII).
 */
export type TextEncodingName = 'utf-8' | 'gb18030';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((b, i) => bytes[i] === b);
}

/** Normalises a user's or a .cpg file's encoding label; null when unknown. */
export function encodingFromLabel(label: string): TextEncodingName | null {
  const l = label.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
  if (l === 'utf8' || l === '65001') return 'utf-8';
  if (['gbk', 'gb2312', 'gb18030', 'cp936', '936', 'ansi936', 'euccn'].includes(l)) return 'gb18030';
  return null;
}

/**
 * Decides the encoding of `sample`, the first bytes of a file. `sample` may
 * end in the middle of a character, so a truncated UTF-8 sequence at its
 * very end does not count against UTF-8.
 */
export function detectEncoding(sample: Uint8Array): TextEncodingName {
  if (hasUtf8Bom(sample)) return 'utf-8';
  let end = sample.length;
  // Drop up to 3 trailing bytes of an incomplete multi-byte sequence.
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = sample[end - back]!;
    if ((b & 0xc0) !== 0x80) {
      if (b >= 0xc0) end -= back;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}
