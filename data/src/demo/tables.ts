/**
 * The CSV tables of the committed dataset format: which file holds which
 * record fields, in which order, with which type. An empty cell is null.
 */
import type {
  AllianceRecord,
  AssignmentRecord,
  AssistingUnitRecord,
  FindingRecord,
  InspectionRecord,
  OrganisationRecord,
  PairingRecord,
  ProjectYearRecord,
  PovertyCauseRecord,
  VillageYearRecord,
  WorkTeamRecord,
} from '../records.js';

/** `?` marks a nullable column; `list` is a `;`-separated list of strings. */
export type ColumnType = 'string' | 'int' | 'number' | 'bool' | 'int?' | 'number?' | 'string?' | 'list';

export interface Table<R> {
  file: string;
  columns: ReadonlyArray<readonly [keyof R & string, ColumnType]>;
}

/** One row of assignment-funds.csv: the funds of an assignment, flattened. */
export interface AssignmentFundRow {
  assignmentId: number;
  year: number;
  amount: number;
}

export type AssignmentRow = Omit<AssignmentRecord, 'funds'>;

/** One row of assignment-commitments.csv: what a unit committed for a year of an assignment (承诺资金), where recorded. */
export interface AssignmentCommitmentRow {
  assignmentId: number;
  year: number;
  committed: number;
}

export const VILLAGE_YEARS: Table<VillageYearRecord> = {
  file: 'village-years.csv',
  columns: [
    ['villageCode', 'string'], ['year', 'int'], ['households', 'int'], ['ruralPopulation', 'int'],
    ['poorHouseholds', 'int'], ['poorPopulation', 'int'], ['collectiveIncome', 'number'], ['partyMembers', 'int'],
    ['memberPairings', 'int'], ['secretaryIsDirector', 'bool'], ['softLax', 'bool'], ['branchRating', 'string'],
  ],
};

export const INSPECTIONS_TABLE: Table<InspectionRecord> = {
  file: 'inspections.csv',
  columns: [['id', 'int'], ['inspectedOn', 'string'], ['inspectingUnit', 'string'], ['countyCode', 'string'], ['townshipCode', 'string?'], ['villageCode', 'string?'], ['note', 'string?']],
};

export const FINDINGS_TABLE: Table<FindingRecord> = {
  file: 'findings.csv',
  columns: [
    ['id', 'int'], ['inspectionId', 'int'], ['category', 'string'], ['description', 'string'], ['responsibleUnit', 'string'],
    ['deadline', 'string'], ['rectifiedOn', 'string?'], ['evidence', 'string?'],
  ],
};

export const POVERTY_CAUSES_TABLE: Table<PovertyCauseRecord> = {
  file: 'poverty-causes.csv',
  columns: [['villageCode', 'string'], ['year', 'int'], ['cause', 'string'], ['households', 'int']],
};

export const ORGANISATIONS: Table<OrganisationRecord> = {
  file: 'organisations.csv',
  columns: [
    ['id', 'int'], ['name', 'string'], ['kind', 'string'], ['villageCode', 'string?'], ['ledByBranch', 'bool'],
    ['foundedYear', 'int'], ['memberHouseholds', 'int'], ['poorMemberHouseholds', 'int'],
  ],
};

export const ALLIANCES: Table<AllianceRecord> = {
  file: 'alliances.csv',
  columns: [
    ['id', 'int'], ['name', 'string'], ['centreVillageCode', 'string'], ['memberVillageCodes', 'list'],
    ['platformCompanyId', 'int?'], ['foundedYear', 'int'],
  ],
};

export const PAIRINGS: Table<PairingRecord> = {
  file: 'pairings.csv',
  columns: [
    ['id', 'int'], ['kind', 'string'], ['helperVillageCode', 'string?'], ['helperOrganisationId', 'int?'],
    ['helpedVillageCode', 'string'], ['startYear', 'int'], ['endYear', 'int?'],
  ],
};

export const ASSISTING_UNITS: Table<AssistingUnitRecord> = {
  file: 'assisting-units.csv',
  columns: [['id', 'int'], ['name', 'string'], ['kind', 'string']],
};

export const ASSIGNMENTS: Table<AssignmentRow> = {
  file: 'assignments.csv',
  columns: [['id', 'int'], ['unitId', 'int'], ['villageCode', 'string'], ['startYear', 'int'], ['endYear', 'int?']],
};

export const ASSIGNMENT_FUNDS: Table<AssignmentFundRow> = {
  file: 'assignment-funds.csv',
  columns: [['assignmentId', 'int'], ['year', 'int'], ['amount', 'number']],
};

export const ASSIGNMENT_COMMITMENTS: Table<AssignmentCommitmentRow> = {
  file: 'assignment-commitments.csv',
  columns: [['assignmentId', 'int'], ['year', 'int'], ['committed', 'number']],
};

export const PROJECT_YEARS: Table<ProjectYearRecord> = {
  file: 'project-years.csv',
  columns: [
    ['projectId', 'int'], ['year', 'int'], ['stage', 'string'],
    ['plannedFiscal', 'number'], ['plannedAssisting', 'number'], ['plannedCollective', 'number'], ['plannedEnterprise', 'number'], ['plannedOther', 'number'],
    ['deliveredFiscal', 'number'], ['deliveredAssisting', 'number'], ['deliveredCollective', 'number'], ['deliveredEnterprise', 'number'], ['deliveredOther', 'number'],
    ['jobs', 'int'], ['dividendHouseholds', 'int'], ['dividendsPoor', 'number'], ['shareCapitalPoor', 'number'],
  ],
};

export const WORK_TEAMS: Table<WorkTeamRecord> = {
  file: 'work-teams.csv',
  columns: [
    ['id', 'int'], ['villageCode', 'string'], ['dispatchingUnitId', 'int'], ['members', 'int'],
    ['startYear', 'int'], ['endYear', 'int?'],
  ],
};

export function encodeCell(value: unknown, type: ColumnType, where: string): string {
  if (value === null) {
    if (!type.endsWith('?')) throw new Error(`${where}: null in a non-nullable column`);
    return '';
  }
  switch (type) {
    case 'list':
      return (value as string[]).join(';');
    case 'bool':
      return value ? 'true' : 'false';
    case 'string':
    case 'string?':
      if (value === '') throw new Error(`${where}: empty string (an empty cell means null)`);
      return String(value);
    case 'int':
    case 'int?':
    case 'number':
    case 'number?':
      return String(value);
    default:
      throw new Error(`${where}: unknown column type ${String(type satisfies never)}`);
  }
}

export function decodeCell(cell: string, type: ColumnType, where: string): unknown {
  if (cell === '') {
    if (type.endsWith('?')) return null;
    if (type === 'list') return [];
    throw new Error(`${where}: empty cell in a non-nullable column`);
  }
  switch (type) {
    case 'list':
      return cell.split(';');
    case 'bool':
      if (cell !== 'true' && cell !== 'false') throw new Error(`${where}: expected true or false, got "${cell}"`);
      return cell === 'true';
    case 'string':
    case 'string?':
      return cell;
    case 'int':
    case 'int?':
    case 'number':
    case 'number?': {
      const n = Number(cell);
      if (!Number.isFinite(n) || (type.startsWith('int') && !Number.isInteger(n))) {
        throw new Error(`${where}: expected ${type.startsWith('int') ? 'an integer' : 'a number'}, got "${cell}"`);
      }
      return n;
    }
    default:
      throw new Error(`${where}: unknown column type ${String(type satisfies never)}`);
  }
}
