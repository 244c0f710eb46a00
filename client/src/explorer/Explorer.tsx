/**
 * The GraphQL IDE at /explorer: GraphiQL (bundled, offline) against the hub's
 * /graphql, with the planner's cookbook in the sidebar and its first example
 * in the first tab.
 */
import { useEffect, useMemo } from 'react';
import { GraphiQL } from 'graphiql';
import { COOKBOOK } from './cookbook';
import { cookbookPlugin } from './CookbookPlugin';
import { useEditorOptions } from './editor-options';
import { createFetcher } from './fetcher';
import { keepTabSemantics } from './tab-buttons';

/** The page's element GraphiQL renders into (explorer.html). */
const ROOT_ID = 'explorer';

export function Explorer() {
  const fetcher = useMemo(() => createFetcher(), []);
  // GraphiQL checks plugins by identity: build the plugin once.
  const plugin = useMemo(() => cookbookPlugin(COOKBOOK), []);
  const first = COOKBOOK[0];
  useEditorOptions();
  useEffect(() => {
    const root = document.getElementById(ROOT_ID);
    return root ? keepTabSemantics(root) : undefined;
  }, []);

  return (
    <GraphiQL
      fetcher={fetcher}
      plugins={[plugin]}
      visiblePlugin={plugin}
      defaultTabs={first ? [{ query: first.query, variables: '' }] : undefined}
      defaultEditorToolsVisibility={false}
    >
      <GraphiQL.Logo>
        <h1 className="explorer-heading">
          <a className="explorer-logo" href="/" title="返回地图 · Back to the map">
            领雁 <span className="explorer-logo-sub">GraphQL 查询台</span>
          </a>
        </h1>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}
