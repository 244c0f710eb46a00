/**
 * The errors the embed script's promises reject with: an `Error` whose
 * `code` says why (embed/protocol.ts, PROBLEM_CODES) and whose message says
 * it in English for the developer's console. The reader of the page gets the
 * same reason in the map's language, in the element (problem-box.ts).
 */
import type { ProblemCode } from '../embed/protocol';

export class LingyanMapError extends Error {
  readonly code: ProblemCode;

  constructor(code: ProblemCode, message: string) {
    super(message);
    this.name = 'LingyanMapError';
    this.code = code;
  }
}
