import { Field, ObjectType } from 'type-graphql';
import { BranchFocus } from '../../domain/enums.js';

@ObjectType('PartyBranch', { description: 'The village\'s party branch (党支部); its yearly grading is in VillageYear.' })
export class PartyBranch {
  @Field(() => String, { description: 'Name (名称).' })
  name!: string;
  @Field(() => BranchFocus, { nullable: true, description: 'Kind of party organisation it is built as (种养殖型 / 旅游型 / 特色产业型 / 电商型), if any.' })
  focus!: BranchFocus | null;
  @Field(() => Boolean, { description: 'Runs the "1+5" grassroots governance system (“1+5”基层治理体系).' })
  governance15!: boolean;
}
