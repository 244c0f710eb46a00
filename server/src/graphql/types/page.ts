/** Paging shared by every list: offset/limit arguments with a maximum, and page types with totals. */
import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 0, description: 'Items to skip (偏移).' })
  @Min(0)
  offset!: number;

  @Field(() => Int, { defaultValue: 100, description: `Page size, 1 to ${MAX_PAGE_SIZE} (每页条数).` })
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit!: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  hasNextPage: boolean;
}

/** A page type named `<Item>Page` for any item type. */
export function PageType<T extends object>(item: ClassType<T>, itemName: string, plural: string) {
  @ObjectType(`${itemName}Page`, { description: `One page of ${plural}, with the total across all pages.` })
  class PageClass implements Page<T> {
    @Field(() => [item], { description: `The ${plural} on this page.` })
    items!: T[];
    @Field(() => Int, { description: `${plural[0]!.toUpperCase()}${plural.slice(1)} matching the conditions, across all pages.` })
    totalCount!: number;
    @Field(() => Boolean, { description: 'Whether a further page exists.' })
    hasNextPage!: boolean;
  }
  return PageClass;
}

export function page<T>(items: T[], totalCount: number, offset: number): Page<T> {
  return { items, totalCount, hasNextPage: offset + items.length < totalCount };
}
