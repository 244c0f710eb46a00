/**
 * A county's or township's figures for a year as its bureau reports them
 * (报送; the 旗县 table: 年份, 贫困人口, 农村人口, 贫困发生率 …), one row per
 * area and year. Every figure but the code and year may be blank: which ones
 * are needed together (both populations, or one of them and the incidence)
 * is the domain rule completeReportedFigures, which the server applies.
 */
import { isEmpty, parseInteger, parseNumber } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import type { ColumnAliases, FieldReader } from '../columns.js';
import { built, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { YEAR } from './shared-columns.js';

export interface ReportedFiguresRecord {
  code: string;
  year: number;
  households: number | null;
  ruralPopulation: number | null;
  poorHouseholds: number | null;
  poorPopulation: number | null;
  /** 贫困发生率, % */
  povertyIncidence: number | null;
  /** 村集体经济收入合计, 万元 (named as the village field, so a 元 header converts the same way) */
  collectiveIncome: number | null;
  partyMembers: number | null;
}

/**
 * 贫困发生率 in percent as bureaus write it: "3.2", "3.2%", "３.２％" (a "%"
 * in the header says the same). Read here rather than through the column's
 * unit: the field is a percentage whatever the header states.
 */
function incidence(r: FieldReader): number | null {
  const raw = r.raw('povertyIncidence');
  if (isEmpty(raw)) return null;
  const p = typeof raw === 'number' ? parseNumber(raw) : parseNumber(String(raw).normalize('NFKC').trim().replace(/%$/, ''));
  if (!p.ok) {
    r.problem('povertyIncidence', p.reason);
    return null;
  }
  return p.value;
}

const FIGURE_ALIASES: ColumnAliases = {
  year: YEAR,
  households: ['户数', '总户数', '农村户数', '农牧户数', 'households'],
  ruralPopulation: ['农村人口', '乡村人口', '农村户籍人口', '农牧业人口', '户籍人口', 'ruralPopulation'],
  poorHouseholds: ['贫困户数', '建档立卡贫困户数', '贫困户', 'poorHouseholds'],
  poorPopulation: ['贫困人口', '建档立卡贫困人口', '贫困人口数', 'poorPopulation'],
  povertyIncidence: ['贫困发生率', '贫困发生率%', 'povertyIncidence', 'incidence'],
  collectiveIncome: ['村集体经济收入', '村集体经济收入合计', '集体经济收入', 'collectiveIncome', 'collectiveIncomeTotal'],
  partyMembers: ['党员数', '党员人数', '党员', 'partyMembers'],
};

export function reportedFiguresKind(kind: 'county-figures' | 'township-figures', level: 'county' | 'township', codeAliases: readonly string[]): KindSpec<ReportedFiguresRecord> {
  return {
    kind,
    keyField: 'code',
    aliases: { code: codeAliases, ...FIGURE_ALIASES },
    build(row, ctx) {
      const r = reader(row, this.aliases, ctx);
      const code = r.required('code', (v) => parseDivisionCode(v, level));
      const year = r.required('year', parseInteger);
      const figure = (field: string) => r.optional(field, parseNumber, null as number | null);
      const record: ReportedFiguresRecord = {
        code: code ?? '',
        year: year ?? 0,
        households: figure('households'),
        ruralPopulation: figure('ruralPopulation'),
        poorHouseholds: figure('poorHouseholds'),
        poorPopulation: figure('poorPopulation'),
        povertyIncidence: incidence(r),
        collectiveIncome: figure('collectiveIncome'),
        partyMembers: figure('partyMembers'),
      };
      return built(r, record, code && year !== undefined ? `${code}/${year}` : null);
    },
  };
}
