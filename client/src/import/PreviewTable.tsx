/** The file's first rows as read, numbered as the report numbers them. */
import type { Preview } from './api';
import type { ImportMessages } from './messages';

export function PreviewTable({ preview, messages: m }: { preview: Preview; messages: ImportMessages }) {
  if (preview.rows.length === 0) return null;
  return (
    <section className="import-card" aria-labelledby="import-rows-h">
      <h2 id="import-rows-h">{m.rowsTitle(preview.rows.length)}</h2>
      {/* The table scrolls on its own: a wide sheet must not widen the page. */}
      <div className="import-scroll" tabIndex={0} role="region" aria-labelledby="import-rows-h">
        <table className="import-table" data-testid="import-rows">
          <thead>
            <tr>
              <th scope="col">{m.rowNumber}</th>
              {preview.headers.map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r) => (
              <tr key={r.number}>
                <th scope="row">{r.number}</th>
                {preview.headers.map((h) => (
                  <td key={h}>{r.cells[h] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
