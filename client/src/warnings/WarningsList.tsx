/**
 * 预警清单: the atlas year's warnings, most severe first, filterable by rule
 * and level, each naming its place and the rule's sentence. Clicking one
 * selects its village (or township or county) as a click on the map would:
 * the panel opens and the map frames it. Opened from the KPI bar's warnings
 * figure; a CSV of what is listed downloads from the list.
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_WARNINGS, type WarningLevel, type WarningRule } from '../graphql/documents';
import { downloadText } from '../export/download';
import { toCsv } from '../export/csv';
import { exportFileName } from '../export/file-name';
import { formatNumber } from '../map/messages';
import type { Selection } from '../state/view-state';
import { warningMessagesFor } from './messages';
import { setWarningsOpen, useWarningsOpen } from './open-state';
import { LEVELS, RULES, countWarnings, filterWarnings, warningPlace, warningRows, warningSelection, warningSentence } from './warnings';
import './warnings.css';

interface WarningsListProps {
  year: number;
  nameField: 'name' | 'nameEn';
  numberLocale: string;
  selected: Selection | null;
  onSelect(selection: Selection): void;
  /** the file name's brand and prefecture (领雁-<prefecture>-<year>-预警清单.csv) */
  brand: string;
  prefecture: string;
}

export function WarningsList({ year, nameField, numberLocale, selected, onSelect, brand, prefecture }: WarningsListProps) {
  const open = useWarningsOpen();
  const m = warningMessagesFor(nameField);
  const [rule, setRule] = useState<WarningRule | null>(null);
  const [level, setLevel] = useState<WarningLevel | null>(null);
  const result = useQuery(ATLAS_WARNINGS, { variables: { year }, skip: !open });
  const data = result.data?.warnings.year === year ? result.data.warnings : null;
  const items = useMemo(() => (data ? filterWarnings(data.items, { rule, level }) : []), [data, rule, level]);
  const counts = useMemo(() => countWarnings(data?.items ?? []), [data]);
  if (!open) return null;
  const n = (v: number) => formatNumber({ numberLocale }, v);
  const download = () =>
    downloadText(toCsv(m.csvHeaders, warningRows(items, year, m, nameField)), 'text/csv;charset=utf-8', exportFileName({ brand, prefecture, year, detail: m.title, extension: 'csv' }));
  return (
    <section className="warnings-list card" aria-labelledby="warnings-list-title" data-testid="warnings-list" data-year={year}>
      <header className="warnings-head">
        <h2 id="warnings-list-title">{m.listTitle(year)}</h2>
        <button type="button" className="warnings-close" aria-label={m.close} onClick={() => setWarningsOpen(false)}>
          ×
        </button>
      </header>
      <div className="warnings-filters">
        <label>
          <span>{m.levelFilter}</span>
          <select data-testid="warnings-level" value={level ?? ''} onChange={(e) => setLevel((e.target.value || null) as WarningLevel | null)}>
            <option value="">{m.allLevels}</option>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {m.levels[l]} ({n(counts.level[l])})
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{m.ruleFilter}</span>
          <select data-testid="warnings-rule" value={rule ?? ''} onChange={(e) => setRule((e.target.value || null) as WarningRule | null)}>
            <option value="">{m.allRules}</option>
            {RULES.map((r) => (
              <option key={r} value={r}>
                {m.rules[r]} ({n(counts.rule[r])})
              </option>
            ))}
          </select>
        </label>
      </div>
      {result.error && <p className="warnings-note" role="alert">{result.error.message}</p>}
      {!result.error && !data && <p className="warnings-note" role="status">{m.loading}</p>}
      {data && (
        <>
          <p className="warnings-note" role="status">
            {items.length === 0 ? m.none(year) : m.shown(n(items.length), n(data.items.length))}
            {items.length > 0 && (
              <button type="button" className="warnings-csv" data-testid="warnings-csv" onClick={download}>
                {m.csv}
              </button>
            )}
          </p>
          {data.hasNextPage && <p className="warnings-note">{m.more(n(data.totalCount))}</p>}
          <ol className="warnings-items">
            {items.map((w) => {
              const target = warningSelection(w);
              const current = selected?.kind === target.kind && selected.id === target.id;
              return (
                <li key={w.id} className={`warning level-${w.level.toLowerCase()}`} data-rule={w.rule} data-level={w.level} aria-current={current ? 'true' : undefined}>
                  <button type="button" className="warning-entry" data-testid="warning-entry" data-code={w.areaCode} data-kind={target.kind} onClick={() => onSelect(target)}>
                    <span className="warning-tag">
                      <span className={`warning-mark mark-${w.level.toLowerCase()}`} aria-hidden="true" />
                      {m.levels[w.level]} · {m.rules[w.rule]}
                    </span>
                    <span className="warning-place">{warningPlace(w, nameField)}</span>
                    <span className="warning-sentence">{warningSentence(w, nameField)}</span>
                    {w.responsible.length > 0 && (
                      <span className="warning-responsible">
                        {m.responsible}：{w.responsible.map((r) => r.name).join('、')}
                      </span>
                    )}
                  </button>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
