/**
 * Options for every editor GraphiQL creates.
 *
 * Monaco marks full-width punctuation (：，（）) as "ambiguous characters" that
 * might be confused with ASCII ones. In our Chinese comments and names they
 * are intended, and a box around every one reads like an error, so that one
 * highlight is turned off.
 *
 * Monaco dims the last line's number after a final newline, to 1.8:1
 * contrast, too faint for a reader with low vision: it is drawn like the others.
 */
import { useEffect } from 'react';
import { useMonaco } from '@graphiql/react';

const OPTIONS = { unicodeHighlight: { ambiguousCharacters: false }, renderFinalNewline: 'on' } as const;

export function useEditorOptions(): void {
  // Monaco is loaded lazily by GraphiQL; this runs again once it is there.
  const monaco = useMonaco((state) => state.monaco);
  useEffect(() => {
    if (!monaco) return;
    for (const editor of monaco.editor.getEditors()) editor.updateOptions(OPTIONS);
    const created = monaco.editor.onDidCreateEditor((editor) => editor.updateOptions(OPTIONS));
    return () => created.dispose();
  }, [monaco]);
}
