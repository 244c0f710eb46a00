/** An industry project: type, period, investment by source, beneficiaries, operator and village. */
import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { ATLAS_DETAIL_PROJECT } from '../../graphql/documents';
import { focusBox } from './bounds';
import { DetailHeader, DetailPending, FigureList, LinkButton, Section, Status, answerFor, formats, nameOf, useFocusOnce, type DetailContext } from './parts';

export function ProjectDetail({ ctx, id }: { ctx: DetailContext; id: string }) {
  const m = ctx.messages;
  const result = useQuery(ATLAS_DETAIL_PROJECT, { variables: { id: Number(id), year: ctx.year } });
  const data = answerFor(result, (d) => String(d.industryProject.id) === id);
  const bbox = useMemo(() => (data ? focusBox([data.industryProject.location]) : null), [data]);
  useFocusOnce(`project:${id}`, bbox, ctx.onFocus);

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
        subtitle={`${m.industryTypes[p.type]} · ${m.period(p.startYear, p.endYear)} · ${p.activeIn ? m.activeIn(ctx.year) : m.notActiveIn(ctx.year)}`}
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
