import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

@ArgsType()
export class YearArgs {
  @Field(() => Int, { description: 'The year (年份), 2000–2100.' })
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;
}
