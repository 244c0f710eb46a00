/**
 * Every page of a paged list query (`items`, `hasNextPage`; the API gives at
 * most 500 items a page), fetched one page after another through the app's
 * Apollo Client, so the cache still answers a repeat (going back to a year).
 * `useQuery` alone holds one page; a layer needs the whole list.
 */
import { useEffect, useState } from 'react';
import type { ApolloClient, OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { onDataChange } from './live-updates';

/** The API's largest page (docs/api.md: every list pages with offset/limit, at most 500). */
export const MAX_PAGE_SIZE = 500;

export interface PageOf<TItem> {
  items: readonly TItem[];
  hasNextPage: boolean;
}

interface Paging {
  offset: number;
  limit: number;
}

export interface AllPages<TItem, TVariables> {
  /** the variables (without paging) the items answer */
  variables: TVariables;
  items: readonly TItem[];
}

export interface AllPagesState<TItem, TVariables> {
  /** the latest complete answer; kept while the next variables load, so a layer does not blink */
  data: AllPages<TItem, TVariables> | null;
  error: Error | null;
}

/**
 * Every item for `variables`, one page after another. `isCancelled` stops
 * the loop between pages (null is returned).
 */
export async function fetchAllPages<TData, TVariables extends OperationVariables & Paging, TItem>(
  client: ApolloClient,
  query: TypedDocumentNode<TData, TVariables>,
  variables: Omit<TVariables, keyof Paging>,
  pageOf: (data: TData) => PageOf<TItem>,
  isCancelled: () => boolean = () => false,
): Promise<TItem[] | null> {
  const items: TItem[] = [];
  for (let offset = 0; ; offset += MAX_PAGE_SIZE) {
    const page = { ...variables, offset, limit: MAX_PAGE_SIZE } as TVariables;
    const { data } = await client.query<TData, TVariables>({ query, variables: page });
    if (isCancelled()) return null;
    const { items: pageItems, hasNextPage } = pageOf(data as TData);
    items.push(...pageItems);
    if (!hasNextPage || pageItems.length === 0) return items;
  }
}

/**
 * Fetches every page for `variables` (null: not yet, e.g. until the counties
 * are drawn), and again when the hub announces a change to its data (live
 * updates; the list shown stays until the new one is in). `pageOf` must be a
 * stable function (module level).
 */
export function useAllPages<TData, TVariables extends OperationVariables & Paging, TItem>(
  query: TypedDocumentNode<TData, TVariables>,
  variables: Omit<TVariables, keyof Paging> | null,
  pageOf: (data: TData) => PageOf<TItem>,
): AllPagesState<TItem, Omit<TVariables, keyof Paging>> {
  const client = useApolloClient();
  // By value: callers build a new variables object on every render.
  const key = variables == null ? null : JSON.stringify(variables);
  const [state, setState] = useState<AllPagesState<TItem, Omit<TVariables, keyof Paging>>>({ data: null, error: null });
  const [changes, setChanges] = useState(0);
  useEffect(() => onDataChange(() => setChanges((n) => n + 1)), []);

  useEffect(() => {
    if (key == null) return;
    const base = JSON.parse(key) as Omit<TVariables, keyof Paging>;
    let cancelled = false;
    void (async () => {
      try {
        const items = await fetchAllPages(client, query, base, pageOf, () => cancelled);
        if (items) setState({ data: { variables: base, items }, error: null });
      } catch (error) {
        if (!cancelled) setState((s) => ({ data: s.data, error: error instanceof Error ? error : new Error(String(error)) }));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [client, query, key, pageOf, changes]);

  return state;
}
