/**
 * Canonical records: the shape every dataset (the demo region, an import, the
 * national generator) is turned into before the server writes it. Pure types,
 * no database. Field names follow the glossary in docs/domain.md.
 *
 * Codes are the 12-digit national statistical division codes: county = first
 * 6 digits significant (e.g. 152501000000), township = first 9
 * (152501101000), village = all 12 (152501101201).
 */
import type { MultiPolygon, Point } from 'geojson';

export type CountyKind = 'BANNER' | 'COUNTY' | 'DISTRICT';
export type TownshipKind = 'SUMU' | 'TOWNSHIP' | 'TOWN';
export type VillageKind = 'GACHA' | 'VILLAGE';
export type BranchRating = 'ADVANCED' | 'MIDDLE' | 'LAGGING';
/** 种养殖型 / 旅游型 / 特色产业型 / 电商型 party organisations (the speech's four kinds). */
export type BranchFocus = 'FARMING_HERDING' | 'TOURISM' | 'SPECIALTY_INDUSTRY' | 'E_COMMERCE';
export type OrganisationKind = 'COOPERATIVE' | 'PLATFORM_COMPANY' | 'ENTERPRISE';
export type IndustryType =
  | 'VEGETABLES'
  | 'POTATOES'
  | 'EDIBLE_FUNGI'
  | 'RURAL_TOURISM'
  | 'E_COMMERCE'
  | 'LIVESTOCK'
  | 'DAIRY'
  | 'PROCESSING'
  | 'PHOTOVOLTAIC';
export type PairingKind = 'STRONG_HELPS_WEAK' | 'CENTRE_RADIATES' | 'ENTERPRISE_VILLAGE';
export type AssistingUnitKind = 'GOVERNMENT' | 'ENTERPRISE' | 'INSTITUTION';
/** 致贫原因: a poor household's main cause of poverty, in the registration form's order. */
export const POVERTY_CAUSES = [
  'ILLNESS',
  'DISABILITY',
  'SCHOOLING',
  'DISASTER',
  'LACK_OF_LAND',
  'LACK_OF_WATER',
  'LACK_OF_SKILLS',
  'LACK_OF_LABOUR',
  'LACK_OF_FUNDS',
  'POOR_TRANSPORT',
  'LACK_OF_DRIVE',
] as const;
export type PovertyCause = (typeof POVERTY_CAUSES)[number];

/** Policy thresholds; defaults from national policy (domain.md, "Rules"). */
export interface Thresholds {
  /** a poor village may exit when incidence (%) is below this; default 3 */
  villageExitIncidence: number;
  /** a county may exit when incidence (%) is below this; default 3 */
  countyExitIncidence: number;
  /** collective income (万元) below this is a weak collective economy; default 5 */
  weakIncomeBelow: number;
  /** collective income (万元) every village should reach by targetYear; default 10 */
  targetIncome: number;
  /** the year of the "三步走" target; default 2025 */
  targetYear: number;
  /** each capable party member pairs with at least this many poor households; default 1 */
  memberPairingMin: number;
}

export interface PrefectureRecord {
  code: string;
  name: string;
  nameEn: string;
  boundary: MultiPolygon;
  thresholds: Thresholds;
}

export interface CountyRecord {
  code: string;
  prefectureCode: string;
  name: string;
  nameEn: string;
  kind: CountyKind;
  /** 国家重点贫困旗县: a nationally designated poor county */
  keyPoorCounty: boolean;
  /** year the county exited (摘帽), if it did */
  exitedYear: number | null;
  boundary: MultiPolygon;
}

export interface TownshipRecord {
  code: string;
  countyCode: string;
  name: string;
  nameEn: string;
  kind: TownshipKind;
  boundary: MultiPolygon;
}

export interface VillageRecord {
  code: string;
  townshipCode: string;
  name: string;
  nameEn: string;
  kind: VillageKind;
  location: Point;
  /** 建档立卡贫困村: registered as a poor village */
  isPoorVillage: boolean;
  /** year the poor village exited (出列), if it did */
  exitedYear: number | null;
  /** the village's party branch (党支部), 1:1 */
  branchName: string;
  branchFocus: BranchFocus | null;
  /** branch runs the "1+5" governance system */
  branchGovernance15: boolean;
}

export interface VillageYearRecord {
  villageCode: string;
  year: number;
  households: number;
  ruralPopulation: number;
  poorHouseholds: number;
  poorPopulation: number;
  /** 村集体经济收入, 万元 */
  collectiveIncome: number;
  partyMembers: number;
  /** poor households paired with a party member (党员结对帮扶户数) */
  memberPairings: number;
  /** 一肩挑 */
  secretaryIsDirector: boolean;
  /** 软弱涣散 */
  softLax: boolean;
  branchRating: BranchRating;
}

/** A village's poor households with one main cause in a year (致贫原因户数); only causes with households. */
export interface PovertyCauseRecord {
  villageCode: string;
  year: number;
  cause: PovertyCause;
  /** > 0; a village-year's counts add up to at most its poor households */
  households: number;
}

export interface OrganisationRecord {
  id: number;
  name: string;
  kind: OrganisationKind;
  /** home village; null for an enterprise based outside any village */
  villageCode: string | null;
  /** 党支部领办: a cooperative led by the village party branch */
  ledByBranch: boolean;
  foundedYear: number;
  memberHouseholds: number;
  poorMemberHouseholds: number;
}

export interface AllianceRecord {
  id: number;
  name: string;
  centreVillageCode: string;
  /** every member including the centre */
  memberVillageCodes: string[];
  /** "联合党委+平台公司+合作社+农户": the alliance's platform company, if any */
  platformCompanyId: number | null;
  foundedYear: number;
}

export interface IndustryProjectRecord {
  id: number;
  name: string;
  type: IndustryType;
  villageCode: string;
  operatorId: number | null;
  location: Point;
  startYear: number;
  /** retired in this year; null while running */
  endYear: number | null;
  /** 万元; the five sources add up to investmentTotal */
  investmentTotal: number;
  investmentFiscal: number;
  investmentAssisting: number;
  investmentCollective: number;
  investmentEnterprise: number;
  investmentOther: number;
  beneficiaryHouseholds: number;
  beneficiaryPoorHouseholds: number;
}

export interface PairingRecord {
  id: number;
  kind: PairingKind;
  /** exactly one of helperVillageCode / helperOrganisationId is set */
  helperVillageCode: string | null;
  helperOrganisationId: number | null;
  helpedVillageCode: string;
  startYear: number;
  /** null while active */
  endYear: number | null;
}

export interface AssistingUnitRecord {
  id: number;
  name: string;
  kind: AssistingUnitKind;
}

export interface AssignmentRecord {
  id: number;
  unitId: number;
  villageCode: string;
  startYear: number;
  endYear: number | null;
  /** funds (万元) per year of the assignment: delivered (amount) and, where recorded, committed (承诺资金) */
  funds: Array<{ year: number; amount: number; committed?: number }>;
}

/** 项目进度阶段: 规划 / 在建 / 投产 / 见效, never going back from one year to the next. */
export type ProjectStage = 'PLANNED' | 'BUILDING' | 'OPERATING' | 'EFFECTIVE';

/** An industry project in one year (项目进度); money in 万元. */
export interface ProjectYearRecord {
  projectId: number;
  year: number;
  stage: ProjectStage;
  plannedFiscal: number;
  plannedAssisting: number;
  plannedCollective: number;
  plannedEnterprise: number;
  plannedOther: number;
  deliveredFiscal: number;
  deliveredAssisting: number;
  deliveredCollective: number;
  deliveredEnterprise: number;
  deliveredOther: number;
  /** 带动就业 */
  jobs: number;
  /** 分红贫困户数: at most the project's poor beneficiary households */
  dividendHouseholds: number;
  /** 分红金额, only once operating or effective */
  dividendsPoor: number;
  /** 股金注入: share capital put in for poor households */
  shareCapitalPoor: number;
}

export interface WorkTeamRecord {
  id: number;
  villageCode: string;
  dispatchingUnitId: number;
  /** ≥ 2 */
  members: number;
  startYear: number;
  endYear: number | null;
}

/** A whole region, in dependency order. */
/** An indicator of an assessment scheme (考核指标及赋分); keys and rules as the hub's indicator registry names them. */
export interface SchemeIndicatorRecord {
  key: string;
  weight: number;
  rule: 'LINEAR' | 'THRESHOLD' | 'RANK';
  floor?: number | null;
  target?: number | null;
  threshold?: number | null;
}

/** 考核办法: a year's assessment scheme with its grade bands (lower bounds of 好 / 较好 / 一般). */
export interface AssessmentSchemeRecord {
  year: number;
  name: string;
  indicators: SchemeIndicatorRecord[];
  gradeBands: { good: number; fair: number; average: number };
}

/** 问题类别 of an inspection finding (督查问题). */
export const FINDING_CATEGORIES = ['PARTY_BUILDING', 'FUNDS', 'PROJECTS', 'ASSISTANCE', 'POLICY', 'CONDUCT'] as const;
export type FindingCategory = (typeof FINDING_CATEGORIES)[number];

/** 督查: a visit to a county, a township or a village (its branch); the county always named, the township for a township or village. */
export interface InspectionRecord {
  id: number;
  /** yyyy-mm-dd */
  inspectedOn: string;
  inspectingUnit: string;
  countyCode: string;
  townshipCode: string | null;
  villageCode: string | null;
  note: string | null;
}

/** 问题 / 整改: what a visit found; open while rectifiedOn is null. Dates yyyy-mm-dd. */
export interface FindingRecord {
  id: number;
  inspectionId: number;
  category: FindingCategory;
  description: string;
  responsibleUnit: string;
  deadline: string;
  rectifiedOn: string | null;
  evidence: string | null;
}

export interface RegionDataset {
  prefecture: PrefectureRecord;
  counties: CountyRecord[];
  townships: TownshipRecord[];
  villages: VillageRecord[];
  villageYears: VillageYearRecord[];
  organisations: OrganisationRecord[];
  alliances: AllianceRecord[];
  industryProjects: IndustryProjectRecord[];
  /** each project's years from its start to its end or 2025 */
  projectYears: ProjectYearRecord[];
  pairings: PairingRecord[];
  assistingUnits: AssistingUnitRecord[];
  assignments: AssignmentRecord[];
  workTeams: WorkTeamRecord[];
  povertyCauses: PovertyCauseRecord[];
  assessmentSchemes: AssessmentSchemeRecord[];
  inspections: InspectionRecord[];
  findings: FindingRecord[];
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  villageExitIncidence: 3,
  countyExitIncidence: 3,
  weakIncomeBelow: 5,
  targetIncome: 10,
  targetYear: 2025,
  memberPairingMin: 1,
};
