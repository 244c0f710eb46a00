/**
 * What an operation will return, estimated before it runs: the cost that
 * LIMITS.maxCost bounds and that the rate limit charges (limits.ts).
 *
 * Unit: one cost point is one value of the answer — a scalar field, an
 * object, or one vertex of a geometry — each resolved as many times as the
 * lists above it hold. A point is ~20–30 bytes of JSON (a vertex
 * `[115.102013,44.080687],` is 22), so a cost of 100,000 is about 2–3 MB.
 *
 * How many items a list holds, in this order:
 * 1. its own size argument (`limit`, `first`, `k`): the value sent, else the
 *    argument's default in the schema;
 * 2. the `items` of a page: the size argument of the field that returned the
 *    page (`villages(limit: 500) { items { … } }` holds 500), but no more
 *    than the rows of its table for the lists of PAGE_ROWS (a region's
 *    tens of alliances fill no page of 500);
 * 3. LIST_SIZES below, by type and field: the region's own figures, measured
 *    from the database (RegionSizes: `counties` is how many counties there
 *    are, `County.townships` how many a county has on average), or a fixed
 *    figure (years of data);
 * 4. otherwise DEFAULT_LIST_SIZE.
 *
 * A geometry costs its expected vertices (VERTICES below): the region's
 * measured average for prefecture, county and township boundaries (hundreds
 * each in the demo region), a fixed figure for alliance footprints and
 * pairing lines, one for a point (villages, projects, organisations).
 *
 * Averages, not maxima: a whole tree (`counties { townships { villages } }`)
 * then costs exactly what the region holds.
 */
import {
  getNamedType,
  getNullableType,
  isListType,
  isCompositeType,
  isUnionType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/** The region's figures the estimate uses: measured from the database (measureRegion), these until then. */
export interface RegionSizes {
  counties: number;
  townships: number;
  villages: number;
  /** average vertices of a boundary */
  prefectureVertices: number;
  countyVertices: number;
  townshipVertices: number;
  /** rows of the tables behind the paged lists of PAGE_ROWS (a page holds at most its table) */
  rows: Readonly<Record<PagedTable, number>>;
}

/** The tables whose rows bound a page of their list: a region has tens of alliances, whatever `limit` a query sends. */
const PAGED_TABLES = { alliance: 20, pairing: 101, industry_project: 60, organisation: 150, finding: 120, inspection: 40, assisting_unit: 30 } as const;
type PagedTable = keyof typeof PAGED_TABLES;

/** The paged root lists bounded by their table's rows (their `items` hold at most that many). */
const PAGE_ROWS: Readonly<Record<string, PagedTable>> = {
  'Query.alliances': 'alliance',
  'Query.pairings': 'pairing',
  'Query.industryProjects': 'industry_project',
  'Query.organisations': 'organisation',
  'Query.findings': 'finding',
  'Query.inspections': 'inspection',
  'Query.assistingUnits': 'assisting_unit',
};

/** The demo region's figures: the estimate's figures until the database has been measured. */
export const DEMO_REGION: RegionSizes = { counties: 11, townships: 89, villages: 848, prefectureVertices: 1273, countyVertices: 400, townshipVertices: 106, rows: PAGED_TABLES };

/** Years of figures a trend or a village's years hold (the demo and national datasets have ten). */
export const YEARS = 10;
/** A list with no size argument and no entry in LIST_SIZES. */
export const DEFAULT_LIST_SIZE = 10;
/** Arguments that bound the size of a list (or of a page's items). */
export const SIZE_ARGUMENTS = ['limit', 'first', 'k'] as const;
/**
 * The most a size argument counts for. Pages hold at most 500 (MAX_PAGE_SIZE)
 * and each field's own check refuses more with a message naming its limit;
 * counting `limit: 100000` as asked would hide that message behind the cost.
 */
export const MAX_SIZE_ARGUMENT = 5000;

type Arguments = Record<string, unknown>;
/** A list's expected size from the region's figures and the arguments of the field that returned its parent page or object. */
type ListSize = (region: RegionSizes, parentArgs: Arguments) => number;

const perCounty = (r: RegionSizes) => Math.max(1, Math.ceil(r.townships / Math.max(1, r.counties)));
const perTownship = (r: RegionSizes) => Math.max(1, Math.ceil(r.villages / Math.max(1, r.townships)));

/** Expected sizes of lists that have no size argument, by `Type.field`. */
export const LIST_SIZES: Readonly<Record<string, ListSize>> = {
  'Query.counties': (r) => r.counties,
  'Prefecture.counties': (r) => r.counties,
  'County.townships': perCounty,
  'Township.villages': perTownship,
  // Every county or township of the region, by the choropleth's level.
  'Choropleth.areas': (r, a) => (a.level === 'TOWNSHIP' ? r.townships : r.counties),
  'Prefecture.years': () => YEARS,
  'Prefecture.trend': () => YEARS,
  'County.trend': () => YEARS,
  'Township.trend': () => YEARS,
  'Village.years': () => YEARS,
  // An alliance unites a central village with its neighbours (the demo's have 4–12).
  'Alliance.members': () => 12,
};

/** Expected vertices of a geometry field, by `Type.field`; any other geometry is a point (1). */
export const VERTICES: Readonly<Record<string, (region: RegionSizes) => number>> = {
  'Prefecture.boundary': (r) => r.prefectureVertices,
  'County.boundary': (r) => r.countyVertices,
  'Township.boundary': (r) => r.townshipVertices,
  // The hull of the members widened by 2 km: the widening's arcs hold most of its vertices.
  'Alliance.footprint': () => 64,
  'Pairing.line': () => 2,
};

const GEOMETRY_SCALAR = 'GeoJSON';

export interface CostEstimate {
  cost: number;
  /** Whether a size came from a variable: the same document may cost differently with other variables. */
  usesVariables: boolean;
}

interface Walk {
  schema: GraphQLSchema;
  region: RegionSizes;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Arguments;
  variableDefaults: Map<string, unknown>;
  usesVariables: boolean;
}

/** An Int or enum literal's value (the only kinds the estimate reads; enums' values are their names here). */
function literal(node: ValueNode): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.ENUM) return node.value;
  return undefined;
}

/** A field's arguments as sent (variables and defaults applied); only what the estimate reads: sizes and `level`. */
function argumentsOf(w: Walk, node: FieldNode, field: GraphQLField<unknown, unknown>): Arguments {
  const args: Arguments = {};
  for (const def of field.args) {
    if (!(SIZE_ARGUMENTS as readonly string[]).includes(def.name) && def.name !== 'level') continue;
    const given = node.arguments?.find((a) => a.name.value === def.name);
    let value: unknown = def.defaultValue;
    if (given?.value.kind === Kind.VARIABLE) {
      const name = given.value.name.value;
      w.usesVariables = true;
      value = w.variables[name] ?? w.variableDefaults.get(name) ?? def.defaultValue;
    } else if (given) {
      value = literal(given.value) ?? def.defaultValue;
    }
    args[def.name] = value;
  }
  return args;
}

function sizeArgument(args: Arguments): number | null {
  for (const name of SIZE_ARGUMENTS) {
    const v = args[name];
    if (typeof v === 'number' && Number.isFinite(v)) return Math.min(MAX_SIZE_ARGUMENT, Math.max(0, v));
  }
  return null;
}

/** Cost of a selection set resolved `times` times on `type`; `parentArgs` are the arguments of the field that returned it. */
/** `pageRows`: the rows of the table behind the page being walked (its items hold no more), or null. */
function selectionCost(w: Walk, set: SelectionSetNode, type: GraphQLCompositeType, times: number, parentArgs: Arguments, seen: Set<string>, pageRows: number | null = null): number {
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? w.schema.getType(selection.typeCondition.name.value) : type;
      total += selectionCost(w, selection.selectionSet, isCompositeType(on) ? on : type, times, parentArgs, seen, pageRows);
      continue;
    }
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      const name = selection.name.value;
      const fragment = w.fragments.get(name);
      // A fragment spread inside itself is refused by validation; guard anyway.
      if (!fragment || seen.has(name)) continue;
      const on = w.schema.getType(fragment.typeCondition.name.value);
      total += selectionCost(w, fragment.selectionSet, isCompositeType(on) ? on : type, times, parentArgs, new Set([...seen, name]), pageRows);
      continue;
    }
    const name = selection.name.value;
    // Introspection answers the schema, not the data; armor's limits bound it.
    if (name.startsWith('__')) continue;
    // A union has no fields of its own: what is asked of it is in its fragments.
    const field = isUnionType(type) ? undefined : type.getFields()[name];
    if (!field) continue;
    const args = argumentsOf(w, selection, field);
    const key = `${type.name}.${name}`;
    const fieldType = getNullableType(field.type);
    let count = times;
    if (isListType(fieldType)) {
      const own = sizeArgument(args);
      const asked = name === 'items' ? sizeArgument(parentArgs) : null;
      const fromPage = asked !== null && pageRows !== null ? Math.min(asked, pageRows) : asked;
      count = times * (own ?? fromPage ?? LIST_SIZES[key]?.(w.region, parentArgs) ?? DEFAULT_LIST_SIZE);
    }
    const named = getNamedType(field.type);
    total += named.name === GEOMETRY_SCALAR ? count * Math.max(1, VERTICES[key]?.(w.region) ?? 1) : count;
    if (selection.selectionSet && isCompositeType(named)) {
      // A page's size argument reaches its items; other arguments (a choropleth's level) reach the lists below.
      const table = PAGE_ROWS[key];
      total += selectionCost(w, selection.selectionSet, named, count, { ...parentArgs, ...args }, seen, table ? w.region.rows[table] : null);
    }
  }
  return total;
}

/** The estimated cost of running `operation` of `document` with `variables` (see the unit above). */
export function estimateCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Arguments, region: RegionSizes): CostEstimate {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { cost: 0, usesVariables: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const variableDefaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) variableDefaults.set(v.variable.name.value, literal(v.defaultValue));
  const w: Walk = { schema, region, fragments, variables, variableDefaults, usesVariables: false };
  const cost = selectionCost(w, operation.selectionSet, root, 1, {}, new Set());
  return { cost: Math.ceil(cost), usesVariables: w.usesVariables };
}

/** The region's figures, measured in one statement. */
const MEASURE = `select (select count(*) from county) as counties, (select count(*) from township) as townships, (select count(*) from village) as villages,
  (select coalesce(avg(st_npoints(boundary)), 0) from prefecture) as prefecture_vertices,
  (select coalesce(avg(st_npoints(boundary)), 0) from county) as county_vertices,
  (select coalesce(avg(st_npoints(boundary)), 0) from township) as township_vertices,
  ${Object.keys(PAGED_TABLES).map((t) => `(select count(*) from ${t}) as rows_${t}`).join(',\n  ')}`;

/** Tables whose changes move the figures ('*': anything may have changed). */
const REGION_TABLES = new Set(['prefecture', 'county', 'township', 'village', ...Object.keys(PAGED_TABLES), '*']);
/** A burst of changes (an import) is measured once, this long after its last change. */
const REMEASURE_AFTER_MS = 2000;

export interface RegionFigures {
  /** the figures now: the demo region's until the first measurement ends */
  current(): RegionSizes;
  /** resolves when the first measurement has ended (well or not) */
  readonly measured: Promise<void>;
  close(): void;
}

/**
 * The region's figures for the cost estimate: measured at start and again
 * after the geography changes. A failed measurement keeps the figures it had
 * (the estimate is a bound on answers, not a correctness matter).
 */
export function regionFigures(
  execute: (sql: string) => Promise<Array<Record<string, unknown>>>,
  feed: { subscribe(listener: (table: string) => void): () => void },
): RegionFigures {
  let sizes = DEMO_REGION;
  const measure = async () => {
    const [row] = await execute(MEASURE);
    if (!row) return;
    const n = (k: string) => Math.max(0, Math.round(Number(row[k]) || 0));
    // An empty database (before an import) keeps the demo's figures: nothing to return, nothing to bound yet.
    if (n('counties') === 0) return;
    sizes = {
      counties: n('counties'),
      townships: n('townships'),
      villages: n('villages'),
      prefectureVertices: n('prefecture_vertices'),
      countyVertices: n('county_vertices'),
      townshipVertices: n('township_vertices'),
      rows: Object.fromEntries(Object.keys(PAGED_TABLES).map((t) => [t, n(`rows_${t}`)])) as Record<PagedTable, number>,
    };
  };
  const measured = measure().catch(() => {});
  let timer: NodeJS.Timeout | undefined;
  const unsubscribe = feed.subscribe((table) => {
    if (!REGION_TABLES.has(table)) return;
    clearTimeout(timer);
    timer = setTimeout(() => void measure().catch(() => {}), REMEASURE_AFTER_MS).unref();
  });
  return {
    current: () => sizes,
    measured,
    close() {
      clearTimeout(timer);
      unsubscribe();
    },
  };
}
