/** An industry project: type, period and its state in the year (未开工 / 实施中 / 已结束) and its progress (项目进度), investment by source, beneficiaries, operator and village. */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_PROJECT } from '../../graphql/documents';
import { DetailHeader, DetailPending, FigureList, LinkButton, Section, Status, answerFor, formats, nameOf, useShowOnMap, type DetailPartProps } from './parts';
import { StateInYear } from './period';
import { ProjectProgress } from './ProjectProgress';

export function ProjectDetail({ ctx, id }: DetailPartProps) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_PROJECT, { variables: { id: Number(id) } });
  const data = answerFor(result, (d) => String(d.industryProject.id) === id);
  const geometries = useMemo(() => (data ? [data.industryProject.location] : null), [data]);
  useShowOnMap(ctx, { kind: 'project', id }, geometries);

  if (!data) return <DetailPending ctx={ctx} kind="project" error={result.error} />;
  const p = data.industryProject;
  const f = formats(m);
  const sources = m.investmentSources;
  return (
    <>
      <DetailHeader
        ctx={ctx}
        kind="project"
        title={p.name}
        subtitle={
          <>
            {m.industryTypes[p.type]} · {m.period(p.startYear, p.endYear)} · <StateInYear ctx={ctx} kind="project" start={p.startYear} end={p.endYear ?? null} />
          </>
        }
      />
      <Status ctx={ctx} loading={false} error={result.error} />
      <Section title={m.investment(f.threshold(p.investmentTotal))}>
        <FigureList
          figures={[
            { key: 'investmentFiscal', label: sources.fiscal, value: f.money(p.investmentFiscal), raw: p.investmentFiscal },
            { key: 'investmentAssisting', label: sources.assisting, value: f.money(p.investmentAssisting), raw: p.investmentAssisting },
            { key: 'investmentEnterprise', label: sources.enterprise, value: f.money(p.investmentEnterprise), raw: p.investmentEnterprise },
            { key: 'investmentCollective', label: sources.collective, value: f.money(p.investmentCollective), raw: p.investmentCollective },
            { key: 'investmentOther', label: sources.other, value: f.money(p.investmentOther), raw: p.investmentOther },
          ]}
        />
        <p className="detail-lead">{m.beneficiaries(f.int(p.beneficiaryHouseholds), f.int(p.beneficiaryPoorHouseholds))}</p>
      </Section>
      <ProjectProgress ctx={ctx} id={p.id} />
      <Section title={m.operator}>
        <p>{p.operator?.name ?? m.none}</p>
      </Section>
      <Section title={m.kinds.village}>
        <LinkButton ctx={ctx} to={{ kind: 'village', id: p.village.code }}>
          {nameOf(m, p.village)}
        </LinkButton>
      </Section>
    </>
  );
}
