/** API shapes of early warnings (预警): computed per year, never stored; and the prefecture's warning settings. */
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LEVEL_NAMES, RULE_INFO, WARNING_LEVELS, WARNING_RULES, type WarningLevel, type WarningRule } from '../../domain/warning/settings.js';
import type { ResponsibleKind, SubjectKind, WarningScope } from '../../domain/warning/warnings.js';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const WarningRuleEnum = asEnum(WARNING_RULES);
registerEnumType(WarningRuleEnum, {
  name: 'WarningRule',
  description: 'An early-warning rule (预警规则); thresholds and levels are the prefecture\'s warningSettings.',
  valuesConfig: {
    RETURN_RISK: { description: `${RULE_INFO.RETURN_RISK.name}: a village's, township's or county's poverty incidence up by at least returnRiskIncidencePoints points, or its poor population up by at least returnRiskPoorPopulation, on the previous year.` },
    WEAK_UNPAIRED: { description: `${RULE_INFO.WEAK_UNPAIRED.name}: a weak village (强弱村 rule) that no pairing active in the year helps.` },
    HELPER_WEAK: { description: `${RULE_INFO.HELPER_WEAK.name}: a pairing active in the year whose helper village is weak that year (the warning is the helped village's).` },
    SOFT_LAX_REPEATED: { description: `${RULE_INFO.SOFT_LAX_REPEATED.name}: a branch soft and lax (软弱涣散) softLaxYears years running or more; a year without figures breaks the run.` },
    POOR_VILLAGE_UNSTAFFED: { description: `${RULE_INFO.POOR_VILLAGE_UNSTAFFED.name}: a poor village not yet exited, with figures that year, and no work team (驻村工作队, which includes the first secretary) active that year.` },
    PROJECT_NO_POOR_BENEFIT: { description: `${RULE_INFO.PROJECT_NO_POOR_BENEFIT.name}: a project active in the year with no poor beneficiary households, or operating (投产) or effective (见效) that year with no dividend to poor households.` },
    FUNDS_BELOW_COMMITMENT: { description: `${RULE_INFO.FUNDS_BELOW_COMMITMENT.name}: an assisting unit delivered less than fundsBelowPercent % of what it committed for a village that year.` },
    FINDING_OVERDUE: { description: `${RULE_INFO.FINDING_OVERDUE.name}: an inspection finding still open past its deadline on the year's day (its last day, or today while it runs).` },
  },
});

export const WarningLevelEnum = asEnum(WARNING_LEVELS);
registerEnumType(WarningLevelEnum, {
  name: 'WarningLevel',
  description: 'How urgent a warning is (预警等级), most severe first.',
  valuesConfig: {
    RED: { description: `${LEVEL_NAMES.RED.name}预警: act at once.` },
    ORANGE: { description: `${LEVEL_NAMES.ORANGE.name}预警: a standing duty is not met.` },
    YELLOW: { description: `${LEVEL_NAMES.YELLOW.name}预警: watch.` },
  },
});

export const WarningScopeEnum = asEnum<WarningScope>(['VILLAGE', 'TOWNSHIP', 'COUNTY']);
registerEnumType(WarningScopeEnum, { name: 'WarningScope', description: 'What a warning is about: a VILLAGE (嘎查村), a TOWNSHIP (苏木乡镇) or a COUNTY (旗县) as a whole.' });

export const WarningSubjectKindEnum = asEnum<SubjectKind>(['PAIRING', 'PROJECT', 'FUND', 'FINDING']);
registerEnumType(WarningSubjectKindEnum, {
  name: 'WarningSubjectKind',
  description: 'The record a warning is about: PAIRING (结对), PROJECT (产业项目), FUND (帮扶资金, an assignment\'s year) or FINDING (督查问题).',
});

export const ResponsibleKindEnum = asEnum<ResponsibleKind>(['ASSISTING_UNIT', 'WORK_TEAM', 'TOWNSHIP', 'COUNTY', 'FINDING_UNIT']);
registerEnumType(ResponsibleKindEnum, {
  name: 'WarningResponsibleKind',
  description: 'Who must act on a warning (责任主体): ASSISTING_UNIT (帮扶单位), WORK_TEAM (驻村工作队的派驻单位), TOWNSHIP (苏木乡镇), COUNTY (旗县), FINDING_UNIT (督查问题的整改责任单位).',
});

@ObjectType('WarningPlace', { description: 'A county, township or village a warning names.' })
export class WarningPlace {
  @Field(() => String, { description: '12-digit division code.' })
  code!: string;
  @Field(() => String, { description: 'Name in Chinese (名称).' })
  name!: string;
  @Field(() => String, { description: 'Name in English or pinyin.' })
  nameEn!: string;
}

@ObjectType('WarningSubject', { description: 'The record a warning is about (a pairing, project, fund or finding).' })
export class WarningSubject {
  @Field(() => WarningSubjectKindEnum, { description: 'Which kind of record.' })
  kind!: SubjectKind;
  @Field(() => Int, { description: 'Its id (a fund: the assignment_fund row).' })
  id!: number;
  @Field(() => String, { description: 'Its name: the helper village, the project, the assisting unit, or the finding\'s description.' })
  name!: string;
}

@ObjectType('WarningFigure', { description: 'One figure of a warning\'s evidence (依据): a number or a text, by key (e.g. incidence, previousIncidence, incidenceRise, deadline).' })
export class WarningFigure {
  @Field(() => String, { description: 'What the figure is (camelCase key; see each rule).' })
  key!: string;
  @Field(() => Float, { nullable: true, description: 'Its value when a number.' })
  value!: number | null;
  @Field(() => String, { nullable: true, description: 'Its value when a text (a date, a stage, reasons).' })
  text!: string | null;
}

@ObjectType('WarningResponsible', { description: 'Who is responsible for acting on a warning (责任主体).' })
export class WarningResponsible {
  @Field(() => ResponsibleKindEnum, { description: 'What kind of party.' })
  kind!: ResponsibleKind;
  @Field(() => String, { description: 'Its name.' })
  name!: string;
  @Field(() => String, { nullable: true, description: 'The assisting unit\'s id, or the township\'s or county\'s code; null for a finding\'s unit.' })
  ref!: string | null;
}

@ObjectType('Warning', { description: 'An early warning (预警): a rule that fires for a village, township or county in a year, with its evidence and who is responsible.' })
export class WarningType {
  @Field(() => String, { description: 'Stable id within the year (rule:year:place[:subject]); the cursor of `warnings`.' })
  id!: string;
  @Field(() => WarningRuleEnum, { description: 'The rule that fired (预警规则).' })
  rule!: WarningRule;
  @Field(() => WarningLevelEnum, { description: 'Its level (预警等级).' })
  level!: WarningLevel;
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;
  @Field(() => WarningScopeEnum, { description: 'Whether it is about a village, a township or a county.' })
  scope!: WarningScope;
  @Field(() => String, { description: 'The code of the place it is about (the village, township or county).' })
  areaCode!: string;
  @Field(() => WarningPlace, { description: 'The county (旗县).' })
  county!: WarningPlace;
  @Field(() => WarningPlace, { nullable: true, description: 'The township (苏木乡镇); null for a county\'s own warning.' })
  township!: WarningPlace | null;
  @Field(() => WarningPlace, { nullable: true, description: 'The village (嘎查村); null for a township\'s or county\'s own warning.' })
  village!: WarningPlace | null;
  @Field(() => WarningSubject, { nullable: true, description: 'The record it is about, where the rule is about one.' })
  subject!: WarningSubject | null;
  @Field(() => [WarningFigure], { description: 'The figures that fired it (依据), with the thresholds they were held against.' })
  figures!: WarningFigure[];
  @Field(() => String, { description: 'The evidence in one Chinese sentence (预警说明).' })
  message!: string;
  @Field(() => String, { description: 'The evidence in one English sentence.' })
  messageEn!: string;
  @Field(() => [WarningResponsible], { description: 'Who is responsible: the subject\'s unit first, then the village\'s assisting units and work teams\' dispatching units, then the township (or the area itself).' })
  responsible!: WarningResponsible[];
  @Field(() => Float, { nullable: true, description: 'Where to mark it on a map (地图位置): the longitude of the village, or of a point inside the township or county (WGS 84).' })
  longitude!: number | null;
  @Field(() => Float, { nullable: true, description: 'Latitude of the same point (WGS 84).' })
  latitude!: number | null;
}

@ObjectType('WarningRuleCount', { description: 'Warnings of one rule.' })
export class WarningRuleCount {
  @Field(() => WarningRuleEnum, { description: 'The rule (预警规则).' })
  rule!: WarningRule;
  @Field(() => Int, { description: 'How many warnings (条数).' })
  count!: number;
}

@ObjectType('WarningLevelCount', { description: 'Warnings of one level.' })
export class WarningLevelCount {
  @Field(() => WarningLevelEnum, { description: 'The level (预警等级).' })
  level!: WarningLevel;
  @Field(() => Int, { description: 'How many warnings (条数).' })
  count!: number;
}

@ObjectType('WarningConnection', { description: 'One page of a year\'s warnings (预警清单), most severe first, with totals and counts by rule and level.' })
export class WarningConnection {
  @Field(() => Int, { description: 'The year.' })
  year!: number;
  @Field(() => [WarningType], { description: 'The warnings on this page.' })
  items!: WarningType[];
  @Field(() => Int, { description: 'Warnings matching every filter, across all pages.' })
  totalCount!: number;
  @Field(() => Boolean, { description: 'Whether a further page exists.' })
  hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'The id of the last warning on this page: pass it as `after` for the next page.' })
  endCursor!: string | null;
  @Field(() => [WarningRuleCount], { description: 'Warnings of the year and area by rule, every rule listed, ignoring the rule and level filters (for facets).' })
  byRule!: WarningRuleCount[];
  @Field(() => [WarningLevelCount], { description: 'Warnings of the year and area by level, every level listed, ignoring the rule and level filters.' })
  byLevel!: WarningLevelCount[];
}

@ObjectType('WarningRuleSetting', { description: 'A warning rule with its names and level.' })
export class WarningRuleSetting {
  @Field(() => WarningRuleEnum, { description: 'The rule (预警规则).' })
  rule!: WarningRule;
  @Field(() => String, { description: 'Name in Chinese (e.g. 返贫风险).' })
  name!: string;
  @Field(() => String, { description: 'Name in English.' })
  nameEn!: string;
  @Field(() => WarningLevelEnum, { description: 'Its level in this prefecture.' })
  level!: WarningLevel;
  @Field(() => WarningLevelEnum, { description: 'Its level by default.' })
  defaultLevel!: WarningLevel;
}

@ObjectType('WarningSettings', { description: 'The prefecture\'s early-warning thresholds and levels (预警设置); defaults until an admin sets them.' })
export class WarningSettingsType {
  @Field(() => Float, { description: '返贫风险: poverty incidence up by at least this many percentage points on the previous year (default 1).' })
  returnRiskIncidencePoints!: number;
  @Field(() => Int, { description: '返贫风险: poor population up by at least this many people on the previous year (default 10).' })
  returnRiskPoorPopulation!: number;
  @Field(() => Int, { description: '软弱涣散连续: soft and lax at least this many years running (default 2).' })
  softLaxYears!: number;
  @Field(() => Int, { description: '帮扶资金未到位: delivered below this percentage of the commitment (default 80).' })
  fundsBelowPercent!: number;
  @Field(() => [WarningRuleSetting], { description: 'Every rule with its level.' })
  rules!: WarningRuleSetting[];
  @Field(() => Boolean, { description: 'Whether these are the defaults (nothing set by the prefecture).' })
  isDefault!: boolean;
}

@InputType('WarningRuleLevelInput', { description: 'A rule\'s new level.' })
export class WarningRuleLevelInput {
  @Field(() => WarningRuleEnum, { description: 'The rule (预警规则).' })
  rule!: WarningRule;
  @Field(() => WarningLevelEnum, { description: 'Its new level (预警等级).' })
  level!: WarningLevel;
}

@InputType('WarningSettingsInput', { description: 'Changes to the warning settings; what is left out keeps its current value.' })
export class WarningSettingsInput {
  @Field(() => Float, { nullable: true, description: '返贫风险 incidence rise, percentage points, 0.01–100.' })
  returnRiskIncidencePoints?: number | null;
  @Field(() => Int, { nullable: true, description: '返贫风险 poor-population rise, people, 1–1,000,000.' })
  returnRiskPoorPopulation?: number | null;
  @Field(() => Int, { nullable: true, description: '软弱涣散连续 years, 2–20.' })
  softLaxYears?: number | null;
  @Field(() => Int, { nullable: true, description: '帮扶资金未到位 percentage, 1–100.' })
  fundsBelowPercent?: number | null;
  @Field(() => [WarningRuleLevelInput], { nullable: true, description: 'Rules to move to another level.' })
  levels?: WarningRuleLevelInput[] | null;
}
