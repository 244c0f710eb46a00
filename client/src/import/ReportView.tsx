/** The report of a preview (a dry run) or a commit: counts, then every problem and repair with its row and column. */
import type { CommitResult, Problem, Report } from './api';
import type { ImportMessages } from './messages';

function ProblemTable({ caption, problems, messages: m, testId }: { caption: string; problems: Problem[]; messages: ImportMessages; testId: string }) {
  return (
    <div className="import-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="import-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{m.problemRow}</th>
            <th scope="col">{m.problemArea}</th>
            <th scope="col">{m.problemField}</th>
            <th scope="col">{m.problemReason}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((p, i) => (
            <tr key={`${p.row}-${p.field}-${i}`}>
              <td>{p.row === 0 ? m.fileProblem : `${p.row}`}</td>
              <td>{p.area ?? ''}</td>
              <td>{p.field}</td>
              <td>{p.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ReportView({ report, committed, messages: m }: { report: Report; committed: CommitResult | null; messages: ImportMessages }) {
  const s = report.summary;
  const unit = m.unit(report.unit);
  return (
    <section className="import-card" aria-labelledby="import-report-h" data-testid="import-report">
      <h2 id="import-report-h">{m.reportTitle}</h2>
      <p data-testid="import-summary">{m.summary({ read: s.read, rejected: s.rejectedRows, inserted: s.inserted, updated: s.updated, unit })}</p>
      <p className={committed ? (committed.written ? 'import-ok' : 'import-error') : 'import-hint'} data-testid="import-outcome">
        {committed ? (committed.written ? m.written(s.inserted, s.updated) : m.nothingWritten) : m.wouldWrite}
      </p>
      {report.warnings.length > 0 && (
        <ul className="import-warnings" aria-label={m.warningsTitle} data-testid="import-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {report.notes.length > 0 && (
        <ul className="import-notes" aria-label={m.notesTitle} data-testid="import-notes">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {report.problems.length === 0 ? <p>{m.noProblems}</p> : <ProblemTable caption={m.problemsTitle(report.problems.length)} problems={report.problems} messages={m} testId="import-problems" />}
      {report.repaired.length > 0 && <ProblemTable caption={m.repairedTitle(report.repaired.length)} problems={report.repaired} messages={m} testId="import-repaired" />}
      <details>
        <summary>{m.fullReport}</summary>
        <pre className="import-report-text">{report.text}</pre>
      </details>
    </section>
  );
}
