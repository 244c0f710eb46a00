/**
 * Operations executed by graphql-jit instead of graphql-js's interpreter,
 * where that is safe and pays.
 *
 * A national choropleth is 2,974 areas of three fields each: graphql-js
 * spent most of the request walking them (for every field it coerces the
 * arguments, checks the return type's kind and builds a resolve info, as
 * a CPU profile showed), more than the statement and the JSON together.
 * graphql-jit compiles an operation once into a function that does only
 * what this operation needs, and calls the same resolvers.
 *
 * Rules that keep it safe and equal to graphql-js:
 * - graphql-jit writes an operation's literal arguments into the code it
 *   generates, and (0.8.9) a string literal holding its date marker becomes
 *   code: a request could run anything on the server. An operation with a
 *   string literal anywhere is interpreted by graphql-js instead, unless the
 *   string is letters only (`"Point"`, a GeoJSON type written in the query):
 *   graphql-jit writes it as JSON, and its markers hold digits and
 *   underscores, so no letters-only string can be one. Strings passed as
 *   variables are data, never code; our clients pass variables.
 * - Variables are coerced by graphql-js, as when interpreted, so a bad one
 *   gets the same error (BAD_USER_INPUT, status 400).
 * - graphql-jit's errors have no `extensions` unless the resolver's error
 *   had some; Apollo's error formatting needs them, so they are rebuilt as
 *   graphql-js errors.
 * - Compiling costs more than interpreting once: an operation is compiled
 *   the second time its document runs (the atlas repeats its operations; a
 *   planner's one-off query in the IDE is only interpreted).
 *
 * Apollo Server 5 has no executor option; a "gateway" serving our own
 * schema with this executor is its way to replace execution (parsing,
 * validation, plugins and error formatting stay Apollo's). What is learnt
 * about an operation is kept per parsed document, which Apollo's document
 * store keeps: a document dropped there drops its compiled operations.
 *
 * Seam on a library's internals (docs/architecture.md#seams-on-libraries-internals):
 * - buys: large answers (the national county choropleth) walked by compiled
 *   code; figure in docs/performance.md#what-the-workarounds-buy.
 * - leans on: Apollo Server 5's `gateway` option (meant for federation) as
 *   the only way to replace execution; graphql-jit 0.8.9 writing literal
 *   arguments into generated code as JSON with its markers replaced (hence
 *   string literals other than letters-only words stay interpreted)
 *   and its error shape. The request deadline (deadline.ts) wraps the
 *   executor this gateway hands Apollo, so it rides on the same option.
 * - guarded by: tests/unit/graphql/jit-executor.test.ts and
 *   tests/api/compiled-execution.test.ts (compiled answers equal
 *   interpreted ones, errors keep their codes, literals stay interpreted).
 */
import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import { BREAK, execute, getVariableValues, GraphQLError, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** Runs an operation has been interpreted before it is compiled. */
const INTERPRETED_RUNS = 1;

/** Per operation name: runs interpreted so far, or the compiled operation (or the errors compiling gave). */
type Operations = Map<string, number | CompiledQuery | ExecutionResult>;

/** A string literal graphql-jit may write into code: letters only, none of its markers (they hold `_` and digits). */
const INERT_STRING = /^[A-Za-z]{1,64}$/;

/**
 * Whether a string literal other than a letters-only word appears anywhere in
 * the document (arguments, input objects, lists, variable defaults).
 */
export function hasStringLiteral(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (INERT_STRING.test(node.value)) return undefined;
      found = true;
      return BREAK;
    },
  });
  return found;
}

/** A graphql-jit error as graphql-js makes it: extensions from the original error, or empty. */
function asGraphQLJsError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: e.extensions });
  // graphql-jit computed the locations when compiling; graphql-js would from the nodes, which it does not keep.
  (error as { locations: GraphQLError['locations'] }).locations = e.locations;
  return error;
}

export function jitExecutor(schema: GraphQLSchema): Executor {
  // null: always interpreted (the document holds a string literal that is not a letters-only word)
  const documents = new WeakMap<DocumentNode, Operations | null>();
  return async (rc) => {
    const { document, context } = rc;
    // The name the client sent: Apollo's rc.operationName is null when that name is not in the document,
    // and graphql-js would then run the document's only operation instead of saying the name is unknown.
    const operationName = rc.request.operationName ?? undefined;
    const interpret = () => execute({ schema, document, operationName, contextValue: context, variableValues: rc.request.variables });
    // No operation resolved: graphql-js's errors (unknown or missing name) are the answer.
    if (!rc.operation) return interpret();
    let operations = documents.get(document);
    if (operations === undefined) documents.set(document, (operations = hasStringLiteral(document) ? null : new Map()));
    if (operations === null) return interpret();
    const key = operationName ?? '';
    const known = operations.get(key) ?? 0;
    if (typeof known === 'number' && known < INTERPRETED_RUNS) {
      operations.set(key, known + 1);
      return interpret();
    }
    const compiled = typeof known === 'number' ? compileQuery(schema, document, operationName) : known;
    operations.set(key, compiled);
    // Not compiled: the operation cannot run; the errors are the answer (Apollo's validation has run, so this is rare).
    if (!isCompiledQuery(compiled)) return compiled;
    const variables = getVariableValues(schema, rc.operation.variableDefinitions ?? [], rc.request.variables ?? {});
    if (variables.errors) return { errors: variables.errors };
    const result = await compiled.query(undefined, context, variables.coerced);
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };
}

/** The gateway that hands Apollo our schema, executed by jitExecutor. */
export function jitGateway(schema: GraphQLSchema): Gateway {
  return {
    async load() {
      return { executor: jitExecutor(schema) };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}
