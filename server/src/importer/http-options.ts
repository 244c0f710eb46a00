/**
 * What a browser import asks for, read from the request's query: the file's
 * name (`name`, which picks the reader) and the choices a data officer can
 * change in the preview (`options`, JSON): kind, encoding, header row, CRS of
 * plain coordinates, column → field mapping, repair, a new prefecture's name;
 * and the report's language (`lang`: zh, the default, or en). Anything left
 * out is detected, as the command line does.
 */
import { encodingFromLabel, IMPORT_KINDS, SOURCE_CRSES, type ImportKind, type Lang, type SourceCrs, type TextEncodingName } from '@lingyan/data';
import { UploadProblem } from './http-upload.js';
import type { DemoRegionChoice } from './writer.js';

export interface HttpImportChoices {
  /** null: detected from the headers */
  kind: ImportKind | null;
  /** null: detected from the bytes */
  encoding: TextEncodingName | null;
  /** 1-based row of the header in a CSV/XLSX; null: detected */
  headerRow: number | null;
  crs: SourceCrs;
  /** the CRS was chosen (else boundaries are checked for a web map's offset) */
  crsStated: boolean;
  /** record field → the file's header */
  mapping: Record<string, string>;
  repair: boolean;
  prefectureName: string | null;
  /** counties of another prefecture where the demo region is: ask (refuse, naming the choice), replace it (admins) or keep both */
  demoRegion: DemoRegionChoice;
  /** the report's language: Chinese unless the page is in English */
  lang: Lang;
}

const bad = (message: string) => new UploadProblem(400, message);

const DEMO_REGION_CHOICES: readonly DemoRegionChoice[] = ['ask', 'replace', 'keep'];

export function parseChoices(raw: unknown, lang: unknown = 'zh'): HttpImportChoices {
  let o: Record<string, unknown> = {};
  if (typeof raw === 'string' && raw.trim() !== '') {
    try {
      o = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      throw bad('options 不是有效的 JSON');
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) throw bad('options 须是一个 JSON 对象');
  }
  const kind = o.kind ?? null;
  if (kind !== null && !IMPORT_KINDS.includes(kind as ImportKind)) throw bad(`数据类型 kind 须是 ${IMPORT_KINDS.join('、')} 之一，收到 "${String(kind)}"`);
  let encoding: TextEncodingName | null = null;
  if (o.encoding !== undefined && o.encoding !== null && o.encoding !== '') {
    encoding = encodingFromLabel(String(o.encoding));
    if (!encoding) throw bad(`编码 encoding 须是 utf-8 或 gbk，收到 "${String(o.encoding)}"`);
  }
  const headerRow = o.headerRow ?? null;
  if (headerRow !== null && !(Number.isInteger(headerRow) && (headerRow as number) >= 1 && (headerRow as number) <= 100)) throw bad(`表头行 headerRow 须是 1 到 100 的整数，收到 "${String(headerRow)}"`);
  const crs = (o.crs ?? 'wgs84') as SourceCrs;
  if (!SOURCE_CRSES.includes(crs)) throw bad(`坐标系 crs 须是 ${SOURCE_CRSES.join('、')} 之一，收到 "${String(o.crs)}"`);
  const mapping: Record<string, string> = {};
  if (o.mapping !== undefined && o.mapping !== null) {
    if (typeof o.mapping !== 'object' || Array.isArray(o.mapping)) throw bad('mapping 须是 { 字段: 列名 } 的对象');
    for (const [field, header] of Object.entries(o.mapping as Record<string, unknown>)) {
      if (typeof header !== 'string') throw bad(`mapping 中字段 ${field} 的列名须是文字`);
      if (header.trim() !== '') mapping[field] = header.trim();
    }
  }
  const prefectureName = typeof o.prefectureName === 'string' && o.prefectureName.trim() !== '' ? o.prefectureName.trim() : null;
  const demoRegion = o.demoRegion ?? 'ask';
  if (!DEMO_REGION_CHOICES.includes(demoRegion as DemoRegionChoice)) throw bad(`演示地区 demoRegion 须是 ${DEMO_REGION_CHOICES.join('、')} 之一，收到 "${String(demoRegion)}"`);
  return {
    kind: kind as ImportKind | null,
    encoding,
    headerRow: headerRow as number | null,
    crs,
    crsStated: o.crs !== undefined && o.crs !== null,
    mapping,
    repair: o.repair === true,
    prefectureName,
    demoRegion: demoRegion as DemoRegionChoice,
    lang: lang === 'en' ? 'en' : 'zh',
  };
}
