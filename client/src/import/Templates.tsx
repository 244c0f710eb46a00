/** The templates to download, per kind (GET /import/templates), in the page's language. */
import { useEffect, useState } from 'react';
import { kindName, type ImportMessages } from './messages';

interface Entry {
  kind: string;
  files: Array<{ format: string; name: string; href: string }>;
}

export function Templates({ lang, messages: m }: { lang: 'zh' | 'en'; messages: ImportMessages }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  useEffect(() => {
    let current = true;
    fetch(`/import/templates${lang === 'en' ? '?lang=en' : ''}`)
      .then((r) => (r.ok ? (r.json() as Promise<Entry[]>) : []))
      .then((list) => current && setEntries(list), () => current && setEntries([]));
    return () => {
      current = false;
    };
  }, [lang]);
  if (entries.length === 0) return null;
  return (
    <details className="import-templates" data-testid="import-templates">
      <summary>{m.templatesLabel}</summary>
      <p className="import-hint">{m.templatesHint}</p>
      <ul>
        {entries.map((e) => (
          <li key={e.kind}>
            <span>{kindName(m, e.kind)}</span>
            {e.files.map((f) => (
              <a key={f.format} href={f.href} download={f.name} aria-label={`${kindName(m, e.kind)} ${f.format.toUpperCase()}`}>
                {f.format.toUpperCase()}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
