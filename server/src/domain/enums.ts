/**
 * The glossary's enumerations (docs/domain.md), as plain objects so
 * that the canonical records of @lingyan/data (string unions) fit them as-is.
 */
function values<T extends Record<string, string>>(o: T): Array<T[keyof T]> {
  return Object.values(o) as Array<T[keyof T]>;
}

export const CountyKind = { BANNER: 'BANNER', COUNTY: 'COUNTY', DISTRICT: 'DISTRICT' } as const;
export type CountyKind = (typeof CountyKind)[keyof typeof CountyKind];

export const TownshipKind = { SUMU: 'SUMU', TOWNSHIP: 'TOWNSHIP', TOWN: 'TOWN' } as const;
export type TownshipKind = (typeof TownshipKind)[keyof typeof TownshipKind];

export const VillageKind = { GACHA: 'GACHA', VILLAGE: 'VILLAGE' } as const;
export type VillageKind = (typeof VillageKind)[keyof typeof VillageKind];

export const BranchRating = { ADVANCED: 'ADVANCED', MIDDLE: 'MIDDLE', LAGGING: 'LAGGING' } as const;
export type BranchRating = (typeof BranchRating)[keyof typeof BranchRating];

export const BranchFocus = {
  FARMING_HERDING: 'FARMING_HERDING',
  TOURISM: 'TOURISM',
  SPECIALTY_INDUSTRY: 'SPECIALTY_INDUSTRY',
  E_COMMERCE: 'E_COMMERCE',
} as const;
export type BranchFocus = (typeof BranchFocus)[keyof typeof BranchFocus];

export const OrganisationKind = { COOPERATIVE: 'COOPERATIVE', PLATFORM_COMPANY: 'PLATFORM_COMPANY', ENTERPRISE: 'ENTERPRISE' } as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];

export const IndustryType = {
  VEGETABLES: 'VEGETABLES',
  POTATOES: 'POTATOES',
  EDIBLE_FUNGI: 'EDIBLE_FUNGI',
  RURAL_TOURISM: 'RURAL_TOURISM',
  E_COMMERCE: 'E_COMMERCE',
  LIVESTOCK: 'LIVESTOCK',
  DAIRY: 'DAIRY',
  PROCESSING: 'PROCESSING',
  PHOTOVOLTAIC: 'PHOTOVOLTAIC',
} as const;
export type IndustryType = (typeof IndustryType)[keyof typeof IndustryType];

export const PairingKind = {
  STRONG_HELPS_WEAK: 'STRONG_HELPS_WEAK',
  CENTRE_RADIATES: 'CENTRE_RADIATES',
  ENTERPRISE_VILLAGE: 'ENTERPRISE_VILLAGE',
} as const;
export type PairingKind = (typeof PairingKind)[keyof typeof PairingKind];

export const AssistingUnitKind = { GOVERNMENT: 'GOVERNMENT', ENTERPRISE: 'ENTERPRISE', INSTITUTION: 'INSTITUTION' } as const;
export type AssistingUnitKind = (typeof AssistingUnitKind)[keyof typeof AssistingUnitKind];

/** A village's poverty status in a given year. */
export const PovertyStatus = { POOR: 'POOR', EXITED: 'EXITED', NEVER_POOR: 'NEVER_POOR' } as const;
export type PovertyStatus = (typeof PovertyStatus)[keyof typeof PovertyStatus];

/** 强村 / 中间 / 弱村 by the rule in domain.md. */
export const VillageStrength = { STRONG: 'STRONG', MIDDLE: 'MIDDLE', WEAK: 'WEAK' } as const;
export type VillageStrength = (typeof VillageStrength)[keyof typeof VillageStrength];

/** Collective-economy band against the "三步走" steps. */
export const IncomeBand = { WEAK: 'WEAK', BUILDING: 'BUILDING', TARGET_MET: 'TARGET_MET' } as const;
export type IncomeBand = (typeof IncomeBand)[keyof typeof IncomeBand];

export const enumValues = values;
