/** Causes of poverty (致贫原因) in the API: the enum, an area's counts by cause, and the planner's input. */
import { ArrayMaxSize, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { CAUSE_LABELS, POVERTY_CAUSES, PovertyCause } from '../../domain/causes/poverty-cause.js';
import { MAX_YEAR, MIN_YEAR } from './year.args.js';

registerEnumType(PovertyCause, {
  name: 'PovertyCause',
  description: `A poor household's main cause of poverty (主要致贫原因): ${POVERTY_CAUSES.map((c) => `${c} (${CAUSE_LABELS[c].zh})`).join(', ')}.`,
  valuesConfig: Object.fromEntries(POVERTY_CAUSES.map((c) => [c, { description: `${CAUSE_LABELS[c].en} (${CAUSE_LABELS[c].zh})` }])),
});

@ObjectType('PovertyCauseCount', {
  simpleResolvers: true,
  description: 'Poor households of a village or area in a year whose main cause of poverty is one cause (致贫原因户数), and their share.',
})
export class PovertyCauseCount {
  @Field(() => PovertyCause, { description: 'The main cause (主要致贫原因).' })
  cause!: PovertyCause;
  @Field(() => Int, { description: 'Poor households with this main cause (户数).' })
  households!: number;
  @Field(() => Float, { description: 'Share of the poor households with a recorded cause, percent (占比, %); the shares of a list add up to 100.' })
  share!: number;
}

@InputType('PovertyCauseCountInput', { description: 'Poor households with one main cause (致贫原因户数).' })
export class PovertyCauseCountInput {
  @Field(() => PovertyCause, { description: 'The main cause.' })
  cause!: PovertyCause;
  @Field(() => Int, { description: 'Poor households with this main cause, ≥ 0.' })
  households!: number;
}

@InputType('VillagePovertyCausesInput', {
  description: 'A village-year\'s poor households by main cause (录入致贫原因), the whole set: causes not listed have none. The counts add up to at most the village\'s poor households that year.',
})
export class VillagePovertyCausesInput {
  @Field(() => String, { description: 'The village (12-digit code).' })
  villageCode!: string;
  @Field(() => Int, { description: `The year, ${MIN_YEAR}–${MAX_YEAR}; the village must have figures for it.` })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
  @Field(() => [PovertyCauseCountInput], { description: 'Counts by cause, each cause at most once; an empty list clears the year.' })
  @ArrayMaxSize(POVERTY_CAUSES.length)
  @ValidateNested()
  causes!: PovertyCauseCountInput[];
}

/** The enum as the schema knows it (importing it from here registers it first). */
export { PovertyCause };
