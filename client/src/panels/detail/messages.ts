/**
 * The strings and number format the detail panel needs. The panel does not
 * import the app's i18n (imports point app → panels); the app's tables carry
 * one of these as `detail` (app/i18n/detail.zh-CN.ts, detail.en.ts).
 */
import type {
  BranchFocus,
  BranchRating,
  CountyKind,
  IndustryType,
  PairingKind,
  PlaceLevel,
  PovertyStatus,
  TownshipKind,
  VillageKind,
  VillageStrength,
} from '../../graphql/documents';
import type { SelectionKind } from '../../state/view-state';
import type { Period, TimedKind } from './period';

export interface DetailMessages {
  /** which name of a place to show */
  nameField: 'name' | 'nameEn';
  /** BCP 47 locale for numbers */
  numberLocale: string;

  /** the panel's accessible name when nothing has loaded yet */
  panelLabel: string;
  close: string;
  /** the bottom sheet's handle (phones and tablets in portrait): taller, shorter */
  sheetExpand: string;
  sheetCollapse: string;
  loading: string;
  loadError(detail: string): string;
  /** the heading's kind line, e.g. "旗县" */
  kinds: Record<SelectionKind, string>;
  countyKinds: Record<CountyKind, string>;
  townshipKinds: Record<TownshipKind, string>;
  villageKinds: Record<VillageKind, string>;
  /** heading of the year's figures */
  figuresOf(year: number): string;
  noFigures(year: number): string;

  // Figures
  ruralPopulation: string;
  poorPopulation: string;
  poorHouseholds: string;
  povertyIncidence: string;
  villageCount: string;
  weakVillages: string;
  strongVillages: string;
  softLaxCount: string;
  collectiveIncomeMedian: string;
  collectiveIncome: string;
  secretaryIsDirectorShare: string;
  secretaryIsDirector: string;
  softLax: string;
  partyMembers: string;
  status: string;
  strength: string;
  branchRating: string;
  weakReasonsLabel: string;
  persons(n: string): string;
  households(n: string): string;
  /** an amount in 万元 */
  tenThousandYuan(n: string): string;
  percent(n: string): string;
  count(n: string): string;
  kilometres(n: string): string;
  yes: string;
  no: string;
  /** the incidence is below the exit line `line` (%) */
  belowLine(line: string): string;
  aboveLine(line: string): string;
  /** collective income under the weak line (万元) */
  belowWeakLine(line: string): string;
  /** the exit line on a trend chart */
  exitLine(line: string): string;
  /** the weak collective-economy line on a trend chart */
  weakLine(line: string): string;
  keyPoorCounty: string;
  exitedIn(year: number): string;

  statuses: Record<PovertyStatus, string>;
  strengths: Record<VillageStrength, string>;
  branchRatings: Record<BranchRating, string>;
  branchFocus: Record<BranchFocus, string>;
  weakReasons: Record<string, string>;
  pairingKinds: Record<PairingKind, string>;
  industryTypes: Record<IndustryType, string>;

  // Trend charts
  trendIncidence: string;
  trendIncome: string;
  /** the chart's accessible description */
  trendSummary(title: string, from: number, to: number, first: string, last: string): string;
  trendYear: string;
  trendValue: string;
  trendLine(label: string): string;
  trendNoData: string;

  // Links
  townships: string;
  weakestVillages(shown: number, total: number): string;
  weakestNote: string;
  noWeakVillages: string;
  villagesOfTownship: string;
  helpedBy: string;
  noHelper: string;
  helpedByEnterprise(name: string): string;
  helpsOthers: string;
  otherYears(n: number): string;
  branch: string;
  governance15: string;
  alliance: string;
  noAlliance: string;
  allianceCentre: string;
  allianceMembers(n: number): string;
  platformCompany: string;
  cooperatives: string;
  householdsReached(all: string, poor: string): string;
  foundedIn(year: number): string;
  projects: string;
  investment(total: string): string;
  investmentSources: { fiscal: string; assisting: string; enterprise: string; collective: string; other: string };
  beneficiaries(all: string, poor: string): string;
  operator: string;
  assistingUnits: string;
  funds(total: string): string;
  workTeams: string;
  workTeam(unit: string, members: number): string;
  period(start: number, end: number | null): string;
  /**
   * Each kind of link with a span of years: its words for not yet begun,
   * running and over (a project 未开工 / 在建 / 已结束, a pairing 尚未结对 / 在帮 / 已结束).
   */
  timed: Record<TimedKind, Record<Period, string>>;
  /** the label of a pairing's state in its panel's figures */
  pairingState: string;
  /** a state in a year: "2020 年未开工" */
  stateIn(state: string, year: number): string;
  helper: string;
  helped: string;
  distance: string;
  none: string;
  /** the search box */
  searchLabel: string;
  searchPlaceholder: string;
  searchNoMatch: string;
  searchResults(n: number): string;
  placeLevels: Record<PlaceLevel, string>;
}
