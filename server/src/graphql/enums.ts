/** Registers the domain enumerations with type-graphql, with descriptions for the planners. */
import { registerEnumType } from 'type-graphql';
import {
  AssistingUnitKind,
  BranchFocus,
  BranchRating,
  CountyKind,
  IncomeBand,
  IndustryType,
  OrganisationKind,
  PairingKind,
  PovertyStatus,
  TownshipKind,
  VillageKind,
  VillageStrength,
} from '../domain/enums.js';

registerEnumType(CountyKind, { name: 'CountyKind', description: 'Kind of county-level unit: BANNER (旗), COUNTY (县), DISTRICT (区).' });
registerEnumType(TownshipKind, { name: 'TownshipKind', description: 'Kind of township-level unit: SUMU (苏木), TOWNSHIP (乡), TOWN (镇).' });
registerEnumType(VillageKind, { name: 'VillageKind', description: 'Kind of village: GACHA (嘎查), VILLAGE (行政村).' });
registerEnumType(BranchRating, { name: 'BranchRating', description: 'Party branch grading: ADVANCED (先进), MIDDLE (中间), LAGGING (后进).' });
registerEnumType(BranchFocus, {
  name: 'BranchFocus',
  description: 'Kind of party organisation: FARMING_HERDING (种养殖型), TOURISM (旅游型), SPECIALTY_INDUSTRY (特色产业型), E_COMMERCE (电商型).',
});
registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  description: 'COOPERATIVE (合作社), PLATFORM_COMPANY (平台公司), ENTERPRISE (企业).',
});
registerEnumType(IndustryType, {
  name: 'IndustryType',
  description:
    'VEGETABLES (蔬菜), POTATOES (马铃薯), EDIBLE_FUNGI (食用菌), RURAL_TOURISM (乡村旅游), E_COMMERCE (电商), LIVESTOCK (畜牧), DAIRY (奶业), PROCESSING (加工), PHOTOVOLTAIC (光伏).',
});
registerEnumType(PairingKind, {
  name: 'PairingKind',
  description: 'STRONG_HELPS_WEAK (强村带弱村), CENTRE_RADIATES (中心村辐射周边村), ENTERPRISE_VILLAGE (村企联建).',
});
registerEnumType(AssistingUnitKind, { name: 'AssistingUnitKind', description: 'GOVERNMENT (机关), ENTERPRISE (企业), INSTITUTION (事业单位).' });
registerEnumType(PovertyStatus, {
  name: 'PovertyStatus',
  description: 'A village\'s status in a year: POOR (贫困村, not yet exited), EXITED (已出列), NEVER_POOR (非贫困村).',
});
registerEnumType(VillageStrength, {
  name: 'VillageStrength',
  description: 'STRONG (强村: collective income at or above the target and an advanced branch), WEAK (弱村: see WeakReason), MIDDLE otherwise.',
});
registerEnumType(IncomeBand, {
  name: 'IncomeBand',
  description: 'Collective-economy band: WEAK (below the weak line, 薄弱村), BUILDING (between), TARGET_MET (at or above the "三步走" target).',
});
