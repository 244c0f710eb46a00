/**
 * class-validator checks argument bounds (@Min, @Max, @Length) before a
 * resolver runs, called here as type-graphql's built-in validation would call
 * it. type-graphql's own loads class-validator with a dynamic import() on
 * every validated argument, which under the tsx loader is a round trip to the
 * loader thread.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: that round trip on every request with arguments; figure in
 *   docs/performance.md#what-the-workarounds-buy.
 * - leans on: type-graphql's `validateFn` contract and the options its
 *   built-in validation passes to class-validator (`forbidUnknownValues:
 *   false`, missing properties skipped), and its `ArgumentValidationError`
 *   shape, which errors.ts turns into BAD_USER_INPUT.
 * - guarded by: tests/api/client-mistakes.test.ts and tests/api/fuzz.test.ts
 *   (out-of-bounds arguments refused with the same coded errors).
 *
 * class-validator looks up a class's rules anew on every validation and for
 * every nested object, walking every class it knows with `instanceof` to find
 * inherited ones: 5–8 % of the CPU of a small uncached answer (a nearest-villages or within-20-km query,
 * whose arguments are objects nested in objects). The rules are decorators,
 * all registered when the schema's classes load, so the lookup is kept per
 * class (rememberedRules below).
 * - leans on: class-validator 0.14's MetadataStorage (`getMetadataStorage()`,
 *   public) asking `getTargetValidationMetadatas` for a class's rules and
 *   not changing the list it gets; a rule added later (addValidationMetadata)
 *   empties what was kept.
 * - guarded by: tests/unit/graphql/argument-validation.test.ts and the two
 *   api tests above.
 */
import { getMetadataStorage, validateOrReject, type MetadataStorage, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/** What type-graphql's own validation passes to class-validator with `validate: { forbidUnknownValues: false }`. */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
const validatable = (v: unknown): v is object => v !== null && typeof v === 'object';

/** The part of class-validator's MetadataStorage the keeping wraps. */
type Storage = Pick<MetadataStorage, 'getTargetValidationMetadatas' | 'addValidationMetadata'>;
const REMEMBERED = Symbol.for('lingyan.rememberedRules');

/**
 * Keeps class-validator's rules per class (and the schema name it passes
 * along: for a nested object, the name of the class holding it), asked as our
 * validation asks (no groups): each lookup is made once. Lookups with groups
 * go through unchanged.
 */
export function rememberedRules(storage: Storage = getMetadataStorage()): void {
  const marked = storage as Storage & { [REMEMBERED]?: true };
  if (marked[REMEMBERED]) return;
  marked[REMEMBERED] = true;
  type Target = Parameters<Storage['getTargetValidationMetadatas']>[0];
  type Rules = ReturnType<Storage['getTargetValidationMetadatas']>;
  const kept = new Map<Target, Map<string, Rules>>();
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (always || strictGroups || groups?.length) return lookup(target, schema, always, strictGroups, groups);
    let bySchema = kept.get(target);
    if (!bySchema) kept.set(target, (bySchema = new Map()));
    const name = schema ?? '';
    let rules = bySchema.get(name);
    if (!rules) bySchema.set(name, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    kept.clear();
    add(metadata);
  };
}

rememberedRules();

/** type-graphql's `validateFn`: validates an argument (or each object of a list argument). */
export async function validateArgument(value: unknown): Promise<void> {
  if (!validatable(value)) return;
  try {
    await Promise.all((Array.isArray(value) ? value.filter(validatable) : [value]).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}
