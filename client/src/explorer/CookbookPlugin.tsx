/**
 * A GraphiQL sidebar plugin listing the cookbook (示例). Choosing an example
 * opens it in a new tab, so nothing the planner typed in the current tab is
 * lost; the editors are filled the way GraphiQL's own history plugin does it.
 */
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import type { CookbookExample } from './cookbook';

interface CookbookListProps {
  examples: readonly CookbookExample[];
}

function CookbookList({ examples }: CookbookListProps) {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((state) => state.queryEditor);
  const variableEditor = useGraphiQL((state) => state.variableEditor);

  const open = (example: CookbookExample) => {
    // Already in the current tab: nothing to do (and no duplicate tab).
    if (queryEditor?.getValue() === example.query) return;
    addTab();
    queryEditor?.setValue(example.query);
    variableEditor?.setValue('');
  };

  return (
    <section className="cookbook" data-testid="cookbook" aria-labelledby="cookbook-title">
      <h2 className="graphiql-doc-explorer-title cookbook-title" id="cookbook-title">
        示例{' '}
        <span className="cookbook-title-en" lang="en">
          Cookbook
        </span>
      </h2>
      <p className="cookbook-hint">
        选一个示例在新标签页中打开，按 ▶ 或 Ctrl-Enter 运行。
        <br />
        <span lang="en">Pick an example to open it in a new tab; run it with ▶ or Ctrl-Enter.</span>
      </p>
      <ol className="cookbook-list">
        {examples.map((example) => (
          <li key={example.id}>
            <button type="button" className="cookbook-item" data-example={example.id} onClick={() => open(example)}>
              <span className="cookbook-item-zh">{example.titleZh}</span>
              <span className="cookbook-item-en" lang="en">
                {example.titleEn}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

function CookbookIcon() {
  // An open book, drawn here: the explorer loads no icon font or remote image.
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M3 5.5C5.5 4.5 8.5 4.5 12 6.5v13c-3.5-2-6.5-2-9-1z" />
      <path d="M21 5.5c-2.5-1-5.5-1-9 1v13c3.5-2 6.5-2 9-1z" />
    </svg>
  );
}

export const COOKBOOK_PLUGIN_TITLE = '示例 Cookbook';

export function cookbookPlugin(examples: readonly CookbookExample[]): GraphiQLPlugin {
  return {
    title: COOKBOOK_PLUGIN_TITLE,
    icon: CookbookIcon,
    content: () => <CookbookList examples={examples} />,
  };
}
