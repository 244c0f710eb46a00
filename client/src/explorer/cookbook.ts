/**
 * The planner's cookbook: example operations, one per capability of the API,
 * kept as `.graphql` files in schema/operations/cookbook/ (validated against
 * the schema by tests/unit/contract and run against the demo region by
 * tests/api/explorer-cookbook). Each file starts with `#` comment lines: the
 * first says in Chinese what it answers, the second in English, any further
 * lines are notes. Variables have defaults in the operation itself, so every
 * example runs as it stands and still shows where a planner would change it.
 */

export interface CookbookExample {
  /** file name without `.graphql`, e.g. `01-counties-incidence` */
  id: string;
  titleZh: string;
  titleEn: string;
  /** comment lines after the two titles */
  notes: string[];
  /** the whole file, comments included, as it goes into the editor */
  query: string;
}

/** Splits an example file into its titles, notes and text. */
export function parseExample(path: string, text: string): CookbookExample {
  const id = (path.split('/').pop() ?? path).replace(/\.graphql$/, '');
  const comments: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    comments.push(line.replace(/^#\s?/, '').trim());
  }
  const [titleZh, titleEn, ...notes] = comments;
  if (!titleZh || !titleEn) throw new Error(`${path}: a cookbook example starts with a Chinese and an English # comment line`);
  return { id, titleZh, titleEn, notes, query: text.trimEnd() + '\n' };
}

// Bundled as text at build time: the explorer needs nothing from the server but /graphql.
const files = import.meta.glob<string>('../../../schema/operations/cookbook/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every example, in file-name order (the files are numbered). */
export const COOKBOOK: readonly CookbookExample[] = Object.keys(files)
  .sort()
  .map((path) => parseExample(path, files[path]!));
