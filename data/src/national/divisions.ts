/**
 * The real county and township names and codes of data/divisions
 * (National Bureau of Statistics, 2022-10-31; see its README), read into
 * plain lists: ~3,000 counties and ~41,000 townships, small enough to hold.
 *
 * Codes the hub's 12-digit rules cannot hold are left out, and counted: the
 * three prefecture-level cities without counties (东莞 441900, 中山 442000,
 * 儋州 460400, whose "county" code ends in 00) with their townships, and
 * placeholder township codes ending in 000 (金门县 350527000).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { parseDivisionCode } from '../import/codes.js';

/** data/divisions: the divisions, kept in the repository so a fresh clone can generate. */
export const DIVISIONS_DIR = fileURLToPath(new URL('../../divisions/', import.meta.url));

export interface Province {
  code: string;
  name: string;
  /** a rough centre (lon, lat), where a province-scale dataset is laid out */
  centre: readonly [number, number];
}

/** The 31 provinces of the mainland (2-digit codes). */
export const PROVINCES: readonly Province[] = [
  { code: '11', name: '北京市', centre: [116.4, 40.2] }, { code: '12', name: '天津市', centre: [117.3, 39.3] },
  { code: '13', name: '河北省', centre: [115.5, 39.0] }, { code: '14', name: '山西省', centre: [112.3, 37.6] },
  { code: '15', name: '内蒙古自治区', centre: [113.0, 43.5] }, { code: '21', name: '辽宁省', centre: [122.6, 41.3] },
  { code: '22', name: '吉林省', centre: [126.2, 43.6] }, { code: '23', name: '黑龙江省', centre: [127.8, 47.8] },
  { code: '31', name: '上海市', centre: [121.4, 31.1] }, { code: '32', name: '江苏省', centre: [119.5, 32.9] },
  { code: '33', name: '浙江省', centre: [120.1, 29.2] }, { code: '34', name: '安徽省', centre: [117.2, 31.8] },
  { code: '35', name: '福建省', centre: [118.0, 26.1] }, { code: '36', name: '江西省', centre: [115.7, 27.6] },
  { code: '37', name: '山东省', centre: [118.2, 36.3] }, { code: '41', name: '河南省', centre: [113.6, 33.9] },
  { code: '42', name: '湖北省', centre: [112.3, 30.9] }, { code: '43', name: '湖南省', centre: [111.7, 27.6] },
  { code: '44', name: '广东省', centre: [113.4, 23.3] }, { code: '45', name: '广西壮族自治区', centre: [108.8, 23.8] },
  { code: '46', name: '海南省', centre: [109.8, 19.2] }, { code: '50', name: '重庆市', centre: [107.8, 30.0] },
  { code: '51', name: '四川省', centre: [102.7, 30.6] }, { code: '52', name: '贵州省', centre: [106.8, 26.8] },
  { code: '53', name: '云南省', centre: [101.5, 24.9] }, { code: '54', name: '西藏自治区', centre: [88.4, 31.5] },
  { code: '61', name: '陕西省', centre: [108.9, 35.3] }, { code: '62', name: '甘肃省', centre: [103.8, 36.1] },
  { code: '63', name: '青海省', centre: [96.0, 35.7] }, { code: '64', name: '宁夏回族自治区', centre: [106.2, 37.3] },
  { code: '65', name: '新疆维吾尔自治区', centre: [85.2, 41.1] },
];

export interface DivisionCounty {
  /** 12 digits */
  code: string;
  name: string;
  /** 12 digits (the code's first 4, then zeros) */
  prefectureCode: string;
  prefectureName: string;
  provinceCode: string;
}

export interface DivisionTownship {
  /** 12 digits */
  code: string;
  name: string;
  countyCode: string;
}

export interface Divisions {
  counties: DivisionCounty[];
  /** sorted by code, so a county's townships are consecutive */
  townships: DivisionTownship[];
  /** rows of the files left out, by reason */
  skipped: { counties: number; townships: number };
}

function readCsv(dir: string, file: string): Array<Record<string, string>> {
  return parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>;
}

/** The cities' names; a municipality's 市辖区/县 becomes the municipality's name. */
function prefectureName(code: string, cities: Map<string, string>): string {
  const name = cities.get(code) ?? '';
  const province = PROVINCES.find((p) => p.code === code.slice(0, 2));
  if ((name === '' || name === '市辖区' || name === '县') && province) return province.name;
  return name === '省直辖县级行政区划' || name === '自治区直辖县级行政区划' ? `${province?.name ?? ''}直辖` : name;
}

/** Reads the divisions; `provinceCode` keeps one province (2 digits). */
export function readDivisions(dir: string = DIVISIONS_DIR, provinceCode: string | null = null): Divisions {
  const cities = new Map(readCsv(dir, 'cities.csv').map((c) => [c.code!, c.name!]));
  const skipped = { counties: 0, townships: 0 };
  const counties: DivisionCounty[] = [];
  for (const a of readCsv(dir, 'areas.csv')) {
    if (provinceCode !== null && a.provinceCode !== provinceCode) continue;
    const parsed = parseDivisionCode(a.code, 'county');
    if (!parsed.ok) {
      skipped.counties++;
      continue;
    }
    counties.push({
      code: parsed.value,
      name: a.name!,
      prefectureCode: a.cityCode!.padEnd(12, '0'),
      prefectureName: prefectureName(a.cityCode!, cities),
      provinceCode: a.provinceCode!,
    });
  }
  counties.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  const known = new Set(counties.map((c) => c.code));
  const townships: DivisionTownship[] = [];
  for (const s of readCsv(dir, 'streets.csv')) {
    if (provinceCode !== null && s.provinceCode !== provinceCode) continue;
    const parsed = parseDivisionCode(s.code, 'township');
    const countyCode = s.areaCode!.padEnd(12, '0');
    if (!parsed.ok || !known.has(countyCode) || !parsed.value.startsWith(s.areaCode!)) {
      skipped.townships++;
      continue;
    }
    townships.push({ code: parsed.value, name: s.name!, countyCode });
  }
  townships.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  // A county without any township cannot hold villages: leave it out too.
  const withTownships = new Set(townships.map((t) => t.countyCode));
  const kept = counties.filter((c) => withTownships.has(c.code));
  skipped.counties += counties.length - kept.length;
  return { counties: kept, townships, skipped };
}
