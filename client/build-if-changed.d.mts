/** Types of build-if-changed.mjs, for the tests' build helper. */
export function inputsDigest(): string;
export function builtDigest(): string | null;
export function buildIfChanged(options?: { quiet?: boolean }): boolean;
