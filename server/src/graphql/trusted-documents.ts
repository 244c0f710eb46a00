/**
 * Trusted documents (Apollo's practice; TRUSTED_DOCUMENTS=true): anonymous,
 * viewer and embed requests may run only the operations the hub ships — the
 * atlas's, the embedded map's and the big screen's (schema/operations/*.graphql,
 * which the client is generated from) and the explorer's cookbook
 * (schema/operations/cookbook/) — so a stranger cannot make the hub answer a
 * question nobody wrote. Analysts, planners and admins keep free queries
 * (the explorer is theirs).
 *
 * A document is known by a hash: SHA-256 of its canonical text, each
 * definition printed by graphql-js with `__typename` fields left out (Apollo
 * Client adds them to what it sends; they reveal nothing), the definitions
 * sorted, joined by newlines. So the atlas's printed documents, the
 * explorer's cookbook text with its comments and the files themselves all
 * hash alike, whatever their spacing. Each shipped operation is known on its
 * own with the fragments it uses (as the generated client sends it), and each
 * file is known whole (as the explorer sends a cookbook example).
 *
 * A refused request answers FORBIDDEN (HTTP 403) with `reason:
 * "TRUSTED_DOCUMENTS"` and a message naming the option.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, parse, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { hasRole, type Principal } from '../auth/roles.js';
import { REPO_ROOT } from '../config/config.js';
import type { Context } from './context.js';
import { ApiError, ErrorCode } from './errors.js';

export const TRUSTED_DOCUMENTS_REASON = 'TRUSTED_DOCUMENTS';

/** Where the shipped operations are: the client's and the cookbook. */
export const SHIPPED_OPERATION_DIRS = [path.join(REPO_ROOT, 'schema/operations'), path.join(REPO_ROOT, 'schema/operations/cookbook')];

function withoutTypenames<T extends DefinitionNode>(definition: T): T {
  return visit(definition, {
    Field(node) {
      return node.name.value === '__typename' ? null : undefined;
    },
  });
}

/** The hash a document is known by (see above). */
export function documentHash(definitions: readonly DefinitionNode[]): string {
  const canonical = definitions
    .map((d) => print(withoutTypenames(d)))
    .sort()
    .join('\n');
  return crypto.createHash('sha256').update(canonical).digest('hex');
}

/** The fragments an operation uses, directly or through other fragments. */
function fragmentsOf(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        const fragment = fragments.get(name);
        if (fragment && !used.has(name)) {
          used.set(name, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  return [...used.values()];
}

export interface TrustedDocuments {
  /** hash → operation names (for the documentation and tests) */
  readonly hashes: ReadonlyMap<string, string>;
  /** Whether a parsed document is one the hub ships. */
  trusts(document: DocumentNode): boolean;
}

/** The hashes of every shipped operation and file, read from `dirs` (`.graphql` files directly inside each). */
export function trustedDocuments(dirs: readonly string[] = SHIPPED_OPERATION_DIRS): TrustedDocuments {
  const files = dirs.flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .sort()
      .map((f) => ({ name: path.relative(REPO_ROOT, path.join(dir, f)), document: parse(fs.readFileSync(path.join(dir, f), 'utf8')) })),
  );
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const { document } of files) for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const hashes = new Map<string, string>();
  for (const { name, document } of files) {
    hashes.set(documentHash(document.definitions), name);
    for (const d of document.definitions) {
      if (d.kind === Kind.OPERATION_DEFINITION) hashes.set(documentHash([d, ...fragmentsOf(d, fragments)]), d.name?.value ?? name);
    }
  }
  // Apollo's document store hands back the same parsed document for the same text: hash each once.
  const seen = new WeakMap<DocumentNode, boolean>();
  return {
    hashes,
    trusts(document) {
      let known = seen.get(document);
      if (known === undefined) {
        known = hashes.has(documentHash(document.definitions));
        seen.set(document, known);
      }
      return known;
    },
  };
}

/** Whether a principal is held to the shipped operations: anonymous readers, viewers and embed tokens. */
export function heldToTrustedDocuments(principal: Principal | null): boolean {
  return principal === null || principal.embed === true || !hasRole(principal, 'analyst');
}

export function untrustedDocument(): ApiError {
  return new ApiError(
    ErrorCode.FORBIDDEN,
    'this hub runs with TRUSTED_DOCUMENTS=true: without a token of role analyst or above, only the operations the hub ships (the atlas\'s, the embedded map\'s, the big screen\'s and the explorer\'s cookbook, unchanged) may be sent',
    { reason: TRUSTED_DOCUMENTS_REASON },
  );
}

/** Refuses, after parsing and before anything runs, a document not shipped when the asker is held to them. */
export function trustedDocumentsPlugin(trusted: TrustedDocuments): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (heldToTrustedDocuments(contextValue.principal) && !trusted.trusts(document)) throw untrustedDocument();
        },
      };
    },
  };
}
