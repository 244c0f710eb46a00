/**
 * Reading a PDF that Chromium printed, independently of the browser: each
 * page's size (MediaBox, points) and its text, decoded through each font's
 * ToUnicode map (Skia writes CJK glyphs as one-glyph Type 3 fonts, some
 * mapped to compatibility code points with the real text in an ActualText
 * span, so the text is NFKC-normalised and ActualText wins). Enough for
 * Skia's output (plain objects, Flate streams); not a general PDF reader.
 * Not pdfjs-dist: it reads the glyphs' ToUnicode maps and not the ActualText
 * spans, so the printed 户 came out as 戶 and – as ‒ (tried with 5.6).
 */
import { unzlibSync } from 'fflate';

export interface PdfPage {
  /** points (1/72 inch) */
  width: number;
  height: number;
  text: string;
}

interface PdfObject {
  dict: string;
  stream: Uint8Array | null;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

function objects(bytes: Uint8Array): Map<number, PdfObject> {
  const text = latin1(bytes);
  const found = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\b/g;
  let match: RegExpExecArray | null;
  while ((match = header.exec(text))) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    if (end < 0) throw new Error(`PDF object ${match[1]} has no endobj`);
    const body = text.slice(start, end);
    const streamAt = body.search(/\bstream\r?\n/);
    let dict = body;
    let stream: Uint8Array | null = null;
    if (streamAt >= 0) {
      dict = body.slice(0, streamAt);
      const length = Number(/\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1]);
      if (!Number.isFinite(length)) throw new Error(`PDF object ${match[1]}: stream without a direct /Length`);
      const dataStart = start + streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
      const raw = bytes.subarray(dataStart, dataStart + length);
      stream = /\/FlateDecode/.test(dict) ? unzlibSync(raw) : raw;
    }
    found.set(Number(match[1]), { dict, stream });
    header.lastIndex = end;
  }
  return found;
}

/** A ToUnicode CMap: code (hex, as written) → text. */
function toUnicode(cmap: string): { map: Map<string, string>; bytes: number } {
  const map = new Map<string, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code!.toUpperCase(), utf16(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, start] of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const width = lo!.length;
      for (let c = parseInt(lo!, 16), u = parseInt(start!, 16); c <= parseInt(hi!, 16); c += 1, u += 1) {
        map.set(c.toString(16).toUpperCase().padStart(width, '0'), String.fromCodePoint(u));
      }
    }
  }
  const range = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  return { map, bytes: range ? range[1]!.length / 2 : 2 };
}

type Token = { kind: 'hex' | 'literal' | 'name' | 'number' | 'op' | 'open' | 'close'; value: string };

function* tokens(content: string): Generator<Token> {
  let i = 0;
  while (i < content.length) {
    const ch = content[i]!;
    if (/\s/.test(ch)) i += 1;
    else if (ch === '%') i = content.indexOf('\n', i) < 0 ? content.length : content.indexOf('\n', i);
    else if (ch === '<' && content[i + 1] === '<') (yield { kind: 'open', value: '<<' }), (i += 2);
    else if (ch === '>' && content[i + 1] === '>') (yield { kind: 'close', value: '>>' }), (i += 2);
    else if (ch === '<') {
      const end = content.indexOf('>', i);
      yield { kind: 'hex', value: content.slice(i + 1, end).replace(/\s/g, '').toUpperCase() };
      i = end + 1;
    } else if (ch === '(') {
      let depth = 1;
      let out = '';
      i += 1;
      while (i < content.length && depth > 0) {
        const c = content[i]!;
        if (c === '\\') {
          const next = content[i + 1]!;
          const octal = /^[0-7]{1,3}/.exec(content.slice(i + 1, i + 4));
          if (octal) (out += String.fromCharCode(parseInt(octal[0], 8))), (i += 1 + octal[0].length);
          else (out += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[next] ?? next), (i += 2);
          continue;
        }
        if (c === '(') depth += 1;
        if (c === ')') depth -= 1;
        if (depth > 0) out += c;
        i += 1;
      }
      yield { kind: 'literal', value: out };
    } else if (ch === '[' || ch === ']') (yield { kind: ch === '[' ? 'open' : 'close', value: ch }), (i += 1);
    else if (ch === '/') {
      const m = /^\/[^\s/<>[\]()]*/.exec(content.slice(i))!;
      yield { kind: 'name', value: m[0].slice(1) };
      i += m[0].length;
    } else {
      const m = /^[^\s/<>[\]()%]+/.exec(content.slice(i))!;
      yield { kind: /^[-+.\d]+$/.test(m[0]) ? 'number' : 'op', value: m[0] };
      i += m[0].length;
    }
  }
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

/** The pages of the PDF in order, with their size and text. */
export function readPdf(bytes: Uint8Array): PdfPage[] {
  const objs = objects(bytes);
  const root = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict));
  const pagesObj = root && objs.get(ref(root.dict, 'Pages'));
  if (!pagesObj) throw new Error('PDF without a page tree');
  const kids = [...(/\/Kids \[([^\]]*)\]/.exec(pagesObj.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
  const cmaps = new Map<number, ReturnType<typeof toUnicode>>();
  const fontMap = (id: number) => {
    if (!cmaps.has(id)) {
      const font = objs.get(id);
      const cmap = font && objs.get(ref(font.dict, 'ToUnicode'))?.stream;
      cmaps.set(id, cmap ? toUnicode(latin1(cmap)) : { map: new Map(), bytes: 1 });
    }
    return cmaps.get(id)!;
  };
  return kids.map((id) => {
    const page = objs.get(id)!;
    const box = (/\/MediaBox \[([^\]]+)\]/.exec(page.dict)?.[1] ?? '').trim().split(/\s+/).map(Number);
    const resources = /\/Resources (\d+) 0 R/.test(page.dict) ? objs.get(ref(page.dict, 'Resources'))!.dict : page.dict;
    const fonts = new Map(
      [...(/\/Font\s*<<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)].map((m) => [m[1]!, Number(m[2])]),
    );
    const contentIds = /\/Contents \[([^\]]*)\]/.test(page.dict)
      ? [...(/\/Contents \[([^\]]*)\]/.exec(page.dict)![1]!).matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]))
      : [ref(page.dict, 'Contents')];
    const content = contentIds.map((c) => latin1(objs.get(c)?.stream ?? new Uint8Array())).join('\n');

    let text = '';
    let font = fontMap(-1);
    const operands: Token[] = [];
    // Inside an ActualText span, its text stands for the glyphs drawn.
    let actual: string | null = null;
    let depth = 0;
    const show = (t: Token) => {
      if (actual !== null) return;
      const hex = t.kind === 'hex' ? t.value : [...t.value].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')).join('');
      for (let k = 0; k < hex.length; k += font.bytes * 2) text += font.map.get(hex.slice(k, k + font.bytes * 2)) ?? '';
    };
    for (const t of tokens(content)) {
      if (t.kind !== 'op') {
        operands.push(t);
        continue;
      }
      switch (t.value) {
        case 'Tf': {
          const name = operands.filter((o) => o.kind === 'name').at(-1)?.value;
          font = fontMap(name ? (fonts.get(name) ?? -1) : -1);
          break;
        }
        case 'Tj':
        case "'":
        case '"':
          operands.filter((o) => o.kind === 'hex' || o.kind === 'literal').slice(-1).forEach(show);
          break;
        case 'TJ':
          operands.filter((o) => o.kind === 'hex' || o.kind === 'literal').forEach(show);
          break;
        case 'BDC': {
          depth += 1;
          const index = operands.findIndex((o) => o.kind === 'name' && o.value === 'ActualText');
          const value = index >= 0 ? operands[index + 1] : undefined;
          if (value && actual === null) {
            const hex = value.kind === 'hex' ? value.value : '';
            const units = (hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16));
            text += String.fromCharCode(...(units[0] === 0xfeff ? units.slice(1) : units));
            actual = String(depth);
          }
          break;
        }
        case 'BMC':
          depth += 1;
          break;
        case 'EMC':
          if (actual === String(depth)) actual = null;
          depth -= 1;
          break;
        default:
      }
      operands.length = 0;
    }
    return { width: box[2]! - box[0]!, height: box[3]! - box[1]!, text: text.normalize('NFKC') };
  });
}
