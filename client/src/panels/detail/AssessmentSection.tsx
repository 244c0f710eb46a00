/**
 * 考核得分: an area's (or a village branch's) score in the year's assessment,
 * its rank and grade, and where every point came from. Nothing when the
 * year has no scheme, or its scheme has no indicator at the level (the API
 * refuses that level with BAD_USER_INPUT).
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { ATLAS_ASSESSMENT_AREA, type AssessmentLevel } from '../../graphql/documents';
import { assessmentMessagesFor, formatPoints } from '../../assessment/messages';
import { Section, Status, answerFor, type DetailContext } from './parts';
import '../../assessment/assessment.css';

export function AssessmentSection({ ctx, level, code }: { ctx: DetailContext; level: AssessmentLevel; code: string }) {
  const m = assessmentMessagesFor(ctx.messages.nameField);
  const result = useQuery(ATLAS_ASSESSMENT_AREA, { variables: { year: ctx.year, level, code } });
  const data = answerFor(result, (d) => d.assessment?.year === ctx.year && d.assessment.items[0]?.code === code);
  if (result.error) {
    const notAssessedHere = CombinedGraphQLErrors.is(result.error) && result.error.errors.some((e) => e.extensions?.code === 'BAD_USER_INPUT');
    return notAssessedHere ? null : <Status ctx={ctx} loading={false} error={result.error} />;
  }
  const area = data?.assessment?.items[0];
  if (!data?.assessment || !area) return null;
  const n = (x: number) => formatPoints(x, m.numberLocale);
  return (
    <Section title={m.section} testId="detail-assessment">
      <p className="detail-assessment-summary" data-testid="assessment-summary" data-score={area.score} data-rank={area.rank} data-grade={area.grade}>
        <span className={`assessment-grade grade-${area.grade.toLowerCase()}`}>{m.grades[area.grade]}</span>{' '}
        {m.summary(n(area.score), area.rank, data.assessment.assessed, m.grades[area.grade])}
      </p>
      <p className="detail-muted">{m.scheme(data.assessment.scheme.name)}</p>
      <table className="assessment-breakdown" data-testid="assessment-breakdown">
        <thead>
          <tr>
            <th scope="col">{m.indicator}</th>
            <th scope="col">{m.points}</th>
          </tr>
        </thead>
        <tbody>
          {area.breakdown.map((line) => (
            <tr key={line.key} data-key={line.key} data-points={line.points} data-missing={line.missing || undefined}>
              <th scope="row">
                {ctx.messages.nameField === 'nameEn' ? line.nameEn : line.name}
                <div className="detail-note">{line[m.explanationField]}</div>
              </th>
              <td>{m.pointsOf(n(line.points), n(line.weight))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}
