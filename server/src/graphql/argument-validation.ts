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
 */
import { validateOrReject, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';

/** What type-graphql's own validation passes to class-validator with `validate: { forbidUnknownValues: false }`. */
const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: false, skipMissingProperties: true };
const validatable = (v: unknown): v is object => v !== null && typeof v === 'object';

/** type-graphql's `validateFn`: validates an argument (or each object of a list argument). */
export async function validateArgument(value: unknown): Promise<void> {
  if (!validatable(value)) return;
  try {
    await Promise.all((Array.isArray(value) ? value.filter(validatable) : [value]).map((v) => validateOrReject(v, VALIDATOR_OPTIONS)));
  } catch (error) {
    throw new ArgumentValidationError(error as ValidationError[]);
  }
}
