import { Length, Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class VillagesArgs {
  @Field(() => String, { nullable: true, description: 'Only villages of this county (12-digit code).' })
  @Length(12, 12)
  countyCode?: string;

  @Field(() => String, { nullable: true, description: 'Only villages of this township (12-digit code).' })
  @Length(12, 12)
  townshipCode?: string;

  @Field(() => String, { nullable: true, description: 'Only villages whose Chinese or English name contains this text (名称包含).' })
  @Length(1, 50)
  nameContains?: string;

  @Field(() => Int, { defaultValue: 0, description: 'Villages to skip (偏移).' })
  @Min(0)
  offset!: number;

  @Field(() => Int, { defaultValue: 100, description: `Page size, at most ${MAX_PAGE_SIZE} (每页条数).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit!: number;
}
