/**
 * 考核排名: a toggle that opens the year's ranking of counties or townships —
 * rank, area, score and grade by the year's scheme — each row selecting its
 * area as a click on the map would (the panel opens and the map frames it).
 * Follows the year; says so when the year has no scheme.
 */
import { useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_ASSESSMENT } from '../graphql/documents';
import type { Selection } from '../state/view-state';
import type { AssessmentMessages } from './messages';
import { rankingRows } from './ranking-rows';
import './assessment.css';

type Level = 'COUNTY' | 'TOWNSHIP';

interface AssessmentRankingProps {
  year: number;
  messages: AssessmentMessages;
  nameField: 'name' | 'nameEn';
  selected: Selection | null;
  onSelect(selection: Selection): void;
}

export function AssessmentRanking({ year, messages: m, nameField, selected, onSelect }: AssessmentRankingProps) {
  const [open, setOpen] = useState(false);
  const [level, setLevel] = useState<Level>('COUNTY');
  const result = useQuery(ATLAS_ASSESSMENT, { variables: { year, level }, skip: !open });
  const assessment = result.data?.assessment;
  const current = result.data && result.data.assessment?.year === year && result.data.assessment.level === level;
  const rows = current && assessment ? rankingRows(assessment.items, nameField, m) : [];
  const kind = level === 'COUNTY' ? 'county' : 'township';
  return (
    <div className="assessment-dock">
      <button
        type="button"
        className="assessment-toggle card"
        aria-expanded={open}
        aria-controls={open ? 'assessment-ranking' : undefined}
        data-testid="assessment-toggle"
        onClick={() => setOpen(!open)}
      >
        {m.ranking}
      </button>
      {open && (
        <section id="assessment-ranking" className="assessment-ranking card" aria-labelledby="assessment-ranking-title" data-testid="assessment-ranking">
          <h2 id="assessment-ranking-title">{m.tableLabel(year, m.levels[level])}</h2>
          <div className="assessment-levels" role="group" aria-label={m.levelLabel}>
            {(['COUNTY', 'TOWNSHIP'] as const).map((l) => (
              <button key={l} type="button" aria-pressed={l === level} data-testid={`assessment-level-${l}`} onClick={() => setLevel(l)}>
                {m.levels[l]}
              </button>
            ))}
          </div>
          {result.error && <p className="assessment-note" role="alert">{result.error.message}</p>}
          {!result.error && !current && <p className="assessment-note" role="status">{m.loading}</p>}
          {current && !assessment && <p className="assessment-note" data-testid="assessment-none">{m.noScheme(year)}</p>}
          {current && assessment && (
            <>
              <p className="assessment-note">{m.scheme(assessment.scheme.name)}</p>
              <div className="assessment-body">
                <table data-testid="assessment-table" data-year={year} data-level={level}>
                  <thead>
                    <tr>
                      <th scope="col">{m.rank}</th>
                      <th scope="col">{m.area}</th>
                      <th scope="col">{m.score}</th>
                      <th scope="col">{m.grade}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.code} data-code={r.code} data-rank={r.rank} aria-current={selected?.kind === kind && selected.id === r.code ? 'true' : undefined}>
                        <td>{r.rankText}</td>
                        <td>
                          <button type="button" className="assessment-area" data-testid="assessment-area" onClick={() => onSelect({ kind, id: r.code })}>
                            {r.name}
                          </button>
                        </td>
                        <td className="assessment-score">{r.score}</td>
                        <td>
                          <span className={`assessment-grade grade-${r.grade.toLowerCase()}`}>{r.gradeText}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </section>
      )}
    </div>
  );
}
