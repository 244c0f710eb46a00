/**
 * Alliances (联合党委): a name, the centre village, the member villages (the
 * centre among them), the platform company and the year founded. An alliance
 * is known by its centre village: a village belongs to at most one alliance
 * and the centre is a member, so no two alliances share a centre.
 */
import type { AllianceRecord } from '../../records.js';
import { parseList, parseYear } from '../cells.js';
import { parseDivisionCode } from '../codes.js';
import { built, plainText, reader } from './built.js';
import type { KindSpec } from './kind.js';
import { parseReference, type Reference } from './references.js';
import { NAME } from './shared-columns.js';

/** The alliance as a file gives it: the platform company by id or name. */
export type AllianceImport = Omit<AllianceRecord, 'id' | 'platformCompanyId'> & { platformCompany: Reference | null };

const villageCode = (v: unknown) => parseDivisionCode(v, 'village');

export const alliances: KindSpec<AllianceImport> = {
  kind: 'alliances',
  keyField: 'centreVillageCode',
  aliases: {
    name: ['联合党委', '联合党委名称', ...NAME],
    centreVillageCode: ['中心村代码', '中心村', 'centre', 'centreVillageCode'],
    memberVillageCodes: ['成员村代码', '成员村', 'members', 'memberVillageCodes'],
    platformCompany: ['平台公司', 'platformCompany', 'platformCompanyId'],
    foundedYear: ['成立年份', '成立年度', 'founded', 'foundedYear'],
  },
  build(row, ctx) {
    const r = reader(row, this.aliases, ctx);
    const centre = r.required('centreVillageCode', villageCode);
    const record: AllianceImport = {
      name: r.required('name', plainText) ?? '',
      centreVillageCode: centre ?? '',
      memberVillageCodes: r.required('memberVillageCodes', (v) => parseList(v, villageCode)) ?? [],
      platformCompany: r.optional('platformCompany', parseReference, null as Reference | null),
      foundedYear: r.required('foundedYear', parseYear) ?? 0,
    };
    return built(r, record, centre ?? null);
  },
};
