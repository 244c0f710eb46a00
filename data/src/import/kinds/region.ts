/** Counties (旗/县/区) and townships (苏木/乡/镇): a code, a name, a kind and a boundary polygon. */
import type { CountyKind, CountyRecord, TownshipKind, TownshipRecord } from '../../records.js';
import { parseBoolean, parseEnum, parseInteger } from '../cells.js';
import { parentCode, parseDivisionCode } from '../codes.js';
import { areaOf } from './geometry.js';
import { built, impliedParent, plainText, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { CODE, KIND, NAME, NAME_EN } from './shared-columns.js';


/** The kind from the name's last character when the file has no kind column: 旗 banner, 区 district, else county. */
function countyKindFromName(name: string): CountyKind {
  return name.endsWith('旗') ? 'BANNER' : name.endsWith('区') ? 'DISTRICT' : 'COUNTY';
}

function townshipKindFromName(name: string): TownshipKind {
  return name.endsWith('苏木') ? 'SUMU' : name.endsWith('镇') ? 'TOWN' : 'TOWNSHIP';
}

/** The code's headers for areas: a Feature's `id` (web maps, e.g. DataV's adcode) is the last resort. */
const AREA_CODE = [...CODE, 'id'];

/** A county as read: the record, and the name of its prefecture when the file has a 地市 column (to create a missing one). */
export type CountyImport = CountyRecord & { prefectureName: string | null };

export const counties: KindSpec<CountyImport> = {
  kind: 'counties',
  keyField: 'code',
  aliases: {
    code: AREA_CODE,
    name: NAME,
    nameEn: NAME_EN,
    kind: KIND,
    keyPoorCounty: ['重点贫困县', '国家重点贫困县', '贫困县', 'keyPoorCounty'],
    exitedYear: ['摘帽年份', '退出年份', 'exitedYear'],
    prefectureName: ['所属地市', '地市', '地市名称', '盟市', 'prefectureName'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const code = r.required('code', (v) => parseDivisionCode(v, 'county'));
    const name = r.required('name', plainText) ?? '';
    const record: CountyImport = {
      code: code ?? '',
      prefectureCode: code ? parentCode(code, 'county') : '',
      name,
      nameEn: r.optional('nameEn', plainText, ''),
      kind: r.optional('kind', (v) => parseEnum(v, ['BANNER', 'COUNTY', 'DISTRICT'] as const, { 旗: 'BANNER', 县: 'COUNTY', 区: 'DISTRICT' }), countyKindFromName(name)),
      keyPoorCounty: r.optional('keyPoorCounty', parseBoolean, false),
      exitedYear: r.optional('exitedYear', parseInteger, null as number | null),
      boundary: areaOf(r, row.geometry, ctx)!,
      prefectureName: r.optional('prefectureName', (v) => plainText(v), null as string | null) || null,
    };
    return built(r, record, code ?? null);
  },
};

export const townships: KindSpec<TownshipRecord> = {
  kind: 'townships',
  keyField: 'code',
  aliases: {
    code: AREA_CODE,
    countyCode: ['旗县代码', '县代码', '所属县代码', 'countyCode'],
    name: NAME,
    nameEn: NAME_EN,
    kind: KIND,
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const code = r.required('code', (v) => parseDivisionCode(v, 'township'));
    const name = r.required('name', plainText) ?? '';
    const county = impliedParent(r, code, 'township', 'countyCode');
    const record: TownshipRecord = {
      code: code ?? '',
      countyCode: county,
      name,
      nameEn: r.optional('nameEn', plainText, ''),
      kind: r.optional('kind', (v) => parseEnum(v, ['SUMU', 'TOWNSHIP', 'TOWN'] as const, { 苏木: 'SUMU', 乡: 'TOWNSHIP', 镇: 'TOWN' }), townshipKindFromName(name)),
      boundary: areaOf(r, row.geometry, ctx)!,
    };
    return built(r, record, code ?? null);
  },
};
