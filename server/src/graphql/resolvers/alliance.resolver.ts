/** Alliances (联合党委): centre and members. */
import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Alliance, Village } from '../../domain/entities.js';

@Resolver(() => Alliance)
export class AllianceResolver {
  @FieldResolver(() => Village, { description: 'The central village (中心村), itself a member.' })
  centre(@Root() a: Alliance): Promise<Village> {
    return a.centre.load() as Promise<Village>;
  }

  @FieldResolver(() => [Village], { description: 'Member villages, the centre included, by code (成员村).' })
  async members(@Root() a: Alliance): Promise<Village[]> {
    const items = await a.members.load();
    return [...items].sort((x, y) => x.code.localeCompare(y.code));
  }
}
