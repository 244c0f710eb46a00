/**
 * A list of every member of a union type from the generated GraphQL
 * contract, in the order the list gives. The generated types are unions
 * with no runtime list, so the client writes its own; this makes the
 * compiler refuse the list when the schema gains a member the list lacks
 * (a new metric would otherwise compile and never appear).
 */
export function everyMember<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L => list;
}
