/**
 * The hub's rules (server/src/domain) and the kinds' database checks say why
 * in English, for the API. The importer's reports are Chinese first, so the
 * reasons it meets most are matched here and given their message code: the
 * report then writes them in the chosen language. A reason not matched is
 * kept as it is (still correct, in English).
 */
import { formatMessage, message, type MessageCode, type MessageParams, type RowProblem } from '@lingyan/data';

type Rule = [RegExp, MessageCode, (m: RegExpExecArray) => MessageParams];

const RULES: Rule[] = [
  [/^must be a year from (\d+) to (\d+)$/, 'rule.yearRange', (m) => ({ min: m[1]!, max: m[2]! })],
  [/^must not be before (\w+) \(([^)]*)\)$/, 'rule.notBefore', (m) => ({ other: { field: m[1]! }, value: m[2]! })],
  [/^must be a whole number, 0 or more$/, 'rule.wholeNonNegative', () => ({})],
  [/^must be 0 or more \(([^)]*)\)$/, 'rule.nonNegative', (m) => ({ unit: m[1]! })],
  [/^must not exceed (\w+) \(([^)]*)\): each poor household has at least one poor person$/, 'rule.notExceedPoor', (m) => ({ other: { field: m[1]! }, value: m[2]! })],
  [/^must not exceed (\w+) \(([^)]*)\)$/, 'rule.notExceed', (m) => ({ other: { field: m[1]! }, value: m[2]! })],
  [/^village (\d{12}) is not in the database; import the villages first$/, 'rule.villageMissing', (m) => ({ code: m[1]! })],
  [/^its township (\d{12}) \(the code's first 9 digits\) is not in the database; import the townships first$/, 'rule.townshipMissing', (m) => ({ code: m[1]! })],
  [/^its county (\d{12}) \(the code's first 6 digits\) is not in the database; import the counties first$/, 'rule.countyMissing', (m) => ({ code: m[1]! })],
  [/^lies (\S+ k?m) outside its township (\d{12})$/, 'rule.outsideTownship', (m) => ({ distance: m[1]!, township: m[2]! })],
  [/^([\d.]+) % of the township lies outside its county (\d{12})$/, 'rule.outsideCounty', (m) => ({ share: m[1]!, county: m[2]! })],
  [/^a village cannot pair with itself$/, 'rule.selfPairing', () => ({})],
  [/^this helper already has an open pairing with this village$/, 'rule.openPairing', () => ({})],
  [/^a (\w+) pairing needs a village as helper$/, 'rule.needsVillageHelper', (m) => ({ kind: m[1]! })],
  [/^village (\d{12}) has no figures for (\d+), so it cannot be shown to be strong$/, 'rule.helperNoFigures', (m) => ({ code: m[1]!, year: m[2]! })],
  [/^the centre village must be a member$/, 'rule.centreNotMember', () => ({})],
  [/^an alliance needs at least 2 member villages$/, 'rule.fewMembers', () => ({})],
  [/^lists a village twice$/, 'rule.villageTwice', () => ({})],
  [/^village (\d{12}) is neither in the centre's township nor in an adjacent one$/, 'rule.notAdjacent', (m) => ({ code: m[1]! })],
  [/^village (\d{12}) already belongs to alliance (\S+)$/, 'rule.inAlliance', (m) => ({ code: m[1]!, alliance: m[2]! })],
  [/^must have at most 2 decimals \(([^)]*)\)$/, 'rule.decimals', (m) => ({ unit: m[1]! })],
  [/^must not be empty$/, 'rule.notEmpty', () => ({})],
  [/^the sources add up to ([\d.]+), not ([\d.]+)$/, 'rule.sourcesSum', (m) => ({ sum: m[1]!, total: m[2]! })],
  [/^an ENTERPRISE_VILLAGE pairing needs an enterprise as helper$/, 'rule.needsEnterpriseHelper', () => ({})],
  [/^is empty: unit "(.+)" is not in the database yet, so its kind is needed \(GOVERNMENT, ENTERPRISE or INSTITUTION\)$/, 'rule.unitKindNeeded', (m) => ({ unit: m[1]! })],
  [/^village (\d{12}) is already a member of the alliance in row (\d+)$/, 'rule.memberInRow', (m) => ({ code: m[1]!, row: m[2]! })],
  [/^village (\d{12}) is not in county (\d{12})$/, 'rule.notInCounty', (m) => ({ code: m[1]!, county: m[2]! })],
  [/^must be within the assignment's period (\d+)–(\d+)$/, 'rule.withinAssignment', (m) => ({ start: m[1]!, end: m[2]! })],
  [/^must be within the assignment's period (\d+)–open$/, 'rule.withinOpenAssignment', (m) => ({ start: m[1]! })],
  [/^must lie inside the township of village (\d{12}) \((\d{12})\)$/, 'rule.outsideVillageTownship', (m) => ({ code: m[1]!, township: m[2]! })],
];

/** The problem with its reason coded when it is one of the rules above; as it was otherwise. */
export function codedProblem(p: RowProblem): RowProblem {
  if (p.code) return p;
  for (const [pattern, code, params] of RULES) {
    const m = pattern.exec(p.reason);
    if (!m) continue;
    const coded = message(code, params(m));
    return { ...p, reason: formatMessage(coded), code, params: coded.params ?? {} };
  }
  return p;
}
