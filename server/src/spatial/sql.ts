/**
 * A small SQL fragment builder: text with `?` placeholders plus its values,
 * composable without string-pasting user input. Runs through the ORM's
 * connection (knex placeholders), so it shares the pool and the timeout.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export class Sql {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[] = [],
  ) {}

  static join(parts: readonly Sql[], separator: string): Sql {
    return new Sql(parts.map((p) => p.text).join(separator), parts.flatMap((p) => p.values));
  }
}

/** Tagged template: `sql\`x = ${value}\`` binds value; nested Sql fragments are spliced in. */
export function sql(strings: TemplateStringsArray, ...args: unknown[]): Sql {
  let text = strings[0]!;
  const values: unknown[] = [];
  args.forEach((arg, i) => {
    if (arg instanceof Sql) {
      text += arg.text;
      values.push(...arg.values);
    } else {
      text += '?';
      // knex expands array bindings into lists: pass arrays as JSON and unpack in SQL instead.
      values.push(arg);
    }
    text += strings[i + 1]!;
  });
  return new Sql(text, values);
}

export function raw(text: string): Sql {
  return new Sql(text);
}

/** Runs on `em`'s transaction when it has one (the bare connection would take another pool slot). */
export async function query<T>(em: EntityManager, q: Sql): Promise<T[]> {
  return em.execute<T[]>(q.text, q.values as unknown[]);
}

/** `x in (values…)` via a JSON array parameter (one binding whatever the length). */
export function inList(column: Sql, values: readonly (string | number)[], cast: 'text' | 'int' = 'text'): Sql {
  const elements = cast === 'int' ? raw('(select jsonb_array_elements_text(?::jsonb)::int)') : raw('(select jsonb_array_elements_text(?::jsonb))');
  return new Sql(`${column.text} in ${elements.text}`, [...column.values, JSON.stringify(values)]);
}
