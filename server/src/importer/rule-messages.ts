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
