import { Field, Int, ObjectType } from 'type-graphql';
import { Village } from '../../domain/entities.js';

@ObjectType('VillagePage', { description: 'One page of villages, with the total across all pages.' })
export class VillagePage {
  @Field(() => [Village], { description: 'The villages on this page.' })
  items!: Village[];
  @Field(() => Int, { description: 'Villages matching the filter, across all pages.' })
  totalCount!: number;
  @Field(() => Boolean, { description: 'Whether a further page exists.' })
  hasNextPage!: boolean;
}
