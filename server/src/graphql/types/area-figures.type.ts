import { Field, Float, Int, ObjectType } from 'type-graphql';
import { povertyIncidence } from '../../domain/rules.js';
import type { AreaFiguresRow } from '../../spatial/aggregates.js';
import { FigureSource } from './reported-figures.type.js';

// simpleResolvers: plain properties (a choropleth may carry one for each of thousands of areas).
@ObjectType('AreaFigures', {
  simpleResolvers: true,
  description: 'Figures of an area (township, county or the prefecture) for one year (汇总指标): summed by the database from its villages\' figures, or as the bureau reported them (报送) where the prefecture\'s setting says so; `source` tells which.',
})
export class AreaFigures {
  @Field(() => Int, { description: 'The year (年份).' })
  year!: number;
  @Field(() => FigureSource, {
    description:
      "Where the population, household, income and party-member figures come from (数据来源): REPORTED (报送) or FROM_VILLAGES (由村汇总), by the prefecture's setting; village counts are always the villages'.",
  })
  source!: FigureSource;
  @Field(() => Int, { description: 'Villages with figures for the year (村数).' })
  villages!: number;
  @Field(() => Int, { description: 'Registered households (户数).' })
  households!: number;
  @Field(() => Int, { description: 'Rural registered population (农村户籍人口).' })
  ruralPopulation!: number;
  @Field(() => Int, { description: 'Registered poor households (建档立卡贫困户).' })
  poorHouseholds!: number;
  @Field(() => Int, { description: 'Registered poor population (建档立卡贫困人口).' })
  poorPopulation!: number;
  @Field(() => Float, { nullable: true, description: 'Poverty incidence in percent (贫困发生率, %): poor population ÷ rural population × 100; null without rural population.' })
  povertyIncidence!: number | null;
  @Field(() => Float, { description: 'Total collective income of the villages, 万元 (村集体经济收入合计).' })
  collectiveIncomeTotal!: number;
  @Field(() => Float, { nullable: true, description: 'Median collective income of the villages, 万元 (村集体经济收入中位数).' })
  collectiveIncomeMedian!: number | null;
  @Field(() => Int, { description: 'Party members (党员数).' })
  partyMembers!: number;
  @Field(() => Float, { nullable: true, description: 'Share of villages whose branch secretary also heads the village committee, percent (一肩挑比例, %).' })
  secretaryIsDirectorShare!: number | null;
  @Field(() => Int, { description: 'Branches listed as soft and lax (软弱涣散党组织数).' })
  softLaxCount!: number;
  @Field(() => Int, { description: 'Weak villages by the rule (弱村数).' })
  weakVillages!: number;
  @Field(() => Int, { description: 'Strong villages by the rule (强村数).' })
  strongVillages!: number;

  static from(row: AreaFiguresRow): AreaFigures {
    return Object.assign(new AreaFigures(), {
      year: row.year,
      source: row.source,
      villages: row.villages,
      households: row.households,
      ruralPopulation: row.ruralPopulation,
      poorHouseholds: row.poorHouseholds,
      poorPopulation: row.poorPopulation,
      povertyIncidence: povertyIncidence(row.poorPopulation, row.ruralPopulation),
      collectiveIncomeTotal: row.collectiveIncomeTotal,
      collectiveIncomeMedian: row.collectiveIncomeMedian,
      partyMembers: row.partyMembers,
      secretaryIsDirectorShare: row.villages > 0 ? (row.secretaryIsDirectorCount / row.villages) * 100 : null,
      softLaxCount: row.softLaxCount,
      weakVillages: row.weakCount,
      strongVillages: row.strongCount,
    });
  }
}
