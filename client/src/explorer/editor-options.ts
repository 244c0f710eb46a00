/**
 * Monaco marks full-width punctuation (：，（）) as "ambiguous characters" that
 * might be confused with ASCII ones. In our Chinese comments and names they
 * are intended, and a box around every one reads like an error, so that one
 * highlight is turned off in every editor GraphiQL creates.
 */
import { useEffect } from 'react';
import { useMonaco } from '@graphiql/react';

const OPTIONS = { unicodeHighlight: { ambiguousCharacters: false } } as const;

export function useQuietCjkPunctuation(): void {
  // Monaco is loaded lazily by GraphiQL; this runs again once it is there.
  const monaco = useMonaco((state) => state.monaco);
  useEffect(() => {
    if (!monaco) return;
    for (const editor of monaco.editor.getEditors()) editor.updateOptions(OPTIONS);
    const created = monaco.editor.onDidCreateEditor((editor) => editor.updateOptions(OPTIONS));
    return () => created.dispose();
  }, [monaco]);
}
