/**
 * Pairings (强村带弱村 / 中心村辐射周边村 / 村企联建): a helper (a village, or
 * an enterprise by id or name), the helped village, the kind and the years.
 * A pairing is known by its helper, helped village and start year. Whether
 * the helper may help is the domain rule checkPairing, which the server applies.
 */
import type { PairingKind, PairingRecord } from '../../records.js';
import { parseEnum, parseInteger } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, reader } from './built.js';
import { message } from '../messages.js';
import type { KindSpec } from './kind.js';
import { parseReference, referenceText, type Reference } from './references.js';
import { END_YEAR, KIND, START_YEAR } from './shared-columns.js';

/** The pairing as a file gives it: a helper enterprise by id or name. */
export type PairingImport = Omit<PairingRecord, 'id' | 'helperOrganisationId'> & { helperOrganisation: Reference | null };

export const PAIRING_KINDS = ['STRONG_HELPS_WEAK', 'CENTRE_RADIATES', 'ENTERPRISE_VILLAGE'] as const;
const KIND_NAMES: Record<string, PairingKind> = { 强村带弱村: 'STRONG_HELPS_WEAK', 中心村辐射周边村: 'CENTRE_RADIATES', 村企联建: 'ENTERPRISE_VILLAGE' };
const villageCode = (v: unknown) => parseDivisionCode(v, 'village');

/** What makes a pairing the same one in another file: helper, helped village and start year. */
export function pairingKey(p: Pick<PairingImport, 'helperVillageCode' | 'helperOrganisation' | 'helpedVillageCode' | 'startYear'>): string {
  const helper = p.helperVillageCode ?? (p.helperOrganisation ? referenceText(p.helperOrganisation) : '');
  return `${helper} → ${p.helpedVillageCode} from ${p.startYear}`;
}

export const pairings: KindSpec<PairingImport> = {
  kind: 'pairings',
  keyField: 'helpedVillageCode',
  aliases: {
    kind: ['结对类型', '帮扶类型', ...KIND],
    helperVillageCode: ['帮扶村代码', '帮扶村', '强村', 'helper', 'helperVillageCode'],
    helperOrganisation: ['帮扶企业', 'helperOrganisation', 'helperOrganisationId'],
    helpedVillageCode: ['受帮扶村代码', '受帮扶村', '弱村', 'helped', 'helpedVillageCode'],
    startYear: START_YEAR,
    endYear: END_YEAR,
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const helperVillageCode = r.optional('helperVillageCode', villageCode, null as string | null);
    const helperOrganisation = r.optional('helperOrganisation', parseReference, null as Reference | null);
    if (!r.has('helperVillageCode') && !r.has('helperOrganisation')) r.problem('helperVillageCode', message('pairing.noHelper'));
    if (r.has('helperVillageCode') && r.has('helperOrganisation')) r.problem('helperOrganisation', message('pairing.twoHelpers'));
    const helped = r.required('helpedVillageCode', villageCode);
    const startYear = r.required('startYear', parseInteger);
    const record: PairingImport = {
      kind: r.optional('kind', (v) => parseEnum(v, PAIRING_KINDS, KIND_NAMES), helperOrganisation ? 'ENTERPRISE_VILLAGE' : 'STRONG_HELPS_WEAK'),
      helperVillageCode,
      helperOrganisation,
      helpedVillageCode: helped ?? '',
      startYear: startYear ?? 0,
      endYear: r.optional('endYear', parseInteger, null as number | null),
    };
    return built(r, record, helped && startYear !== undefined ? pairingKey(record) : null);
  },
};
