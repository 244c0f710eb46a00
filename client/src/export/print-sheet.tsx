/**
 * The printed sheet: a preview of landscape A4 or A3 pages over the atlas,
 * which prints on its own (print.css hides the atlas under `@media print`,
 * `@page` sets the paper). The whole region: the map as it is on screen (with
 * its scale bar and north arrow) beside its full key, under the title, with
 * the footnote, boundary note, source and date: the PNG's content
 * (png-content.ts) as text the printer sets. A county's profile adds a page:
 * the county's figures of the year, the trend of the metric the map is
 * shaded by, and the county's rank among all counties in that metric.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useApolloClient } from '@apollo/client/react';
import {
  ATLAS_METRIC_VALUES,
  ATLAS_PRINT_COUNTY,
  type AtlasPrintCountyQuery,
} from '../graphql/documents';
import { SwatchIcon } from '../map/layer-legend';
import { DEFAULT_CAUSE } from '../causes/causes';
import type { AtlasView } from '../map/layers/types';
import { formatMetricValue, unitLabel } from '../map/metric-format';
import { documentContent, type ExportContext } from './actions';
import { figureText, PROFILE_FIGURES, rankOf } from './county-profile';
import { exportFileStem } from './file-name';
import type { ExportMessages, Paper } from './messages';
import { composeMapPicture, mapMarks, whenIdle } from './png';
import type { KeyEntry, PngContent } from './png-content';
import './print.css';

export interface PrintJob {
  paper: Paper;
  /** a county's profile (its code), or the whole region */
  county: string | null;
}

type CountyProfile = NonNullable<AtlasPrintCountyQuery['county']>;

interface Profile {
  county: CountyProfile;
  /** the metric's value of the county, by year (null: no value that year) */
  trend: Array<{ year: number; value: number | null }>;
}

function KeyList({ entries, testId }: { entries: readonly KeyEntry[]; testId: string }) {
  return (
    <ul className="print-key" data-testid={testId}>
      {entries.map((e) => (
        <li key={`${e.label}-${e.swatch.color}`} data-color={e.swatch.color}>
          <SwatchIcon swatch={e.swatch} />
          <span>{e.label}</span>
        </li>
      ))}
    </ul>
  );
}

/** The map's key, as the PNG has it. */
function KeyColumn({ content, m }: { content: PngContent; m: ExportMessages }) {
  return (
    <aside className="print-key-column" data-testid="print-legend">
      <h2>{content.legendTitle}</h2>
      <KeyList entries={content.noData ? [...content.classes, content.noData] : content.classes} testId="print-classes" />
      {content.classesNote && <p className="print-soft">{content.classesNote}</p>}
      {content.footnote && (
        <p className="print-footnote" data-testid="print-footnote">
          {content.footnote}
        </p>
      )}
      {content.overlays.length > 0 && <h3 className="print-overlays-title">{m.print.overlays}</h3>}
      {content.overlays.map((section) => (
        <section key={section.key} className="print-overlay" data-testid={`print-overlay-${section.key}`}>
          <h4>{section.title}</h4>
          <KeyList entries={section.items} testId={`print-overlay-items-${section.key}`} />
          {section.notes.length > 0 && <p className="print-soft">{section.notes.join(' · ')}</p>}
        </section>
      ))}
    </aside>
  );
}

function PageHeader({ title, subtitle }: { title: string; subtitle: string }) {
  return (
    <header className="print-header">
      <h1 data-testid="print-title">{title}</h1>
      <p>{subtitle}</p>
    </header>
  );
}

function PageFooter({ content }: { content: PngContent }) {
  return (
    <footer className="print-footer" data-testid="print-footer">
      <span className="print-schematic">{content.schematic}</span>
      <span>{content.source}</span>
    </footer>
  );
}

/** The metric's values by year as a line, with the policy line dashed where the metric has one. */
function TrendChart({ view, trend, threshold, label }: { view: AtlasView; trend: Profile['trend']; threshold: number | null; label: string }) {
  const W = 300;
  const H = 170;
  const pad = { left: 44, right: 12, top: 12, bottom: 26 };
  const points = trend.filter((p): p is { year: number; value: number } => p.value != null);
  if (points.length === 0) return <p className="print-soft">{view.messages.legendNoData}</p>;
  const years = trend.map((p) => p.year);
  const values = [...points.map((p) => p.value), ...(threshold != null ? [threshold] : [])];
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values) || 1;
  const x = (year: number) => pad.left + ((year - years[0]!) / Math.max(1, years[years.length - 1]! - years[0]!)) * (W - pad.left - pad.right);
  const y = (value: number) => H - pad.bottom - ((value - lo) / (hi - lo || 1)) * (H - pad.top - pad.bottom);
  const fmt = (v: number) => formatMetricValue(view.messages, v, { unit: view.unit, decimals: view.decimals }, false);
  return (
    <svg className="print-trend" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-testid="print-trend">
      <line x1={pad.left} y1={H - pad.bottom} x2={W - pad.right} y2={H - pad.bottom} stroke="#9aa5b1" />
      <line x1={pad.left} y1={pad.top} x2={pad.left} y2={H - pad.bottom} stroke="#9aa5b1" />
      <text x={pad.left - 4} y={y(hi)} textAnchor="end" dominantBaseline="middle">
        {fmt(hi)}
      </text>
      <text x={pad.left - 4} y={y(lo)} textAnchor="end" dominantBaseline="middle">
        {fmt(lo)}
      </text>
      {threshold != null && (
        <line x1={pad.left} x2={W - pad.right} y1={y(threshold)} y2={y(threshold)} stroke="#c8102e" strokeDasharray="4 3" />
      )}
      <polyline fill="none" stroke="#1f2d3d" strokeWidth={2} points={points.map((p) => `${x(p.year)},${y(p.value)}`).join(' ')} />
      {points.map((p) => (
        <circle key={p.year} cx={x(p.year)} cy={y(p.value)} r={2.6} fill="#1f2d3d" data-year={p.year} data-value={p.value} />
      ))}
      {years.map((year, i) =>
        i === 0 || i === years.length - 1 || i % 2 === 0 ? (
          <text key={year} x={x(year)} y={H - pad.bottom + 14} textAnchor="middle">
            {year}
          </text>
        ) : null,
      )}
    </svg>
  );
}

function ProfilePage({ ctx, profile, content, paper }: { ctx: ExportContext; profile: Profile; content: PngContent; paper: Paper }) {
  const { view, messages: m } = ctx;
  const { county } = profile;
  const name = county[view.messages.nameField] || county.name;
  const metricName = view.messages.metricNames[view.metric];
  const values = view.classification.valueOf;
  const rank = rankOf(values, county.code);
  const ranked = [...values].sort((a, b) => b[1] - a[1]);
  const countyName = (code: string) => {
    const c = view.atlas.counties.find((x) => x.code === code);
    return c ? c[view.messages.nameField] || c.name : code;
  };
  const top = ranked[0]?.[1] ?? 1;
  const fmt = (v: number) => formatMetricValue(view.messages, v, { unit: view.unit, decimals: view.decimals }, true);
  return (
    <section className="print-page" data-paper={paper} data-testid="print-profile">
      <PageHeader
        title={`${name} · ${m.documentTitle(ctx.prefecture, metricName, view.year)}`}
        subtitle={[m.print.countyKinds[county.kind], county.keyPoorCounty ? m.print.keyPoorCounty : null, county.exitedYear ? m.print.exitedIn(county.exitedYear) : null]
          .filter(Boolean)
          .join(' · ')}
      />
      <div className="print-profile-body">
        <section>
          <h2>{county.figures ? m.print.figuresOf(view.year) : m.print.noFigures(view.year)}</h2>
          {county.figures && (
            <table className="print-figures" data-testid="print-figures">
              <tbody>
                {PROFILE_FIGURES.map((key) => (
                  <tr key={key} data-figure={key}>
                    <th scope="row">{m.figureNames[key]}</th>
                    <td>{figureText(view, m, key, county.figures![key])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section>
          <h2>{m.print.trend(view.messages.legendTitle(view.metric, unitLabel(view.messages, view.unit)))}</h2>
          <TrendChart view={view} trend={profile.trend} threshold={view.classification.threshold} label={m.print.trend(metricName)} />
          {content.footnote && <p className="print-soft">{content.footnote}</p>}
        </section>
        <section>
          <h2>{m.print.ranking(metricName, view.year)}</h2>
          {rank && (
            <p className="print-rank" data-testid="print-rank" data-rank={rank.rank} data-of={rank.of}>
              {m.print.rank(rank.rank, rank.of)}
            </p>
          )}
          <ol className="print-ranking" data-testid="print-ranking">
            {ranked.map(([code, value]) => (
              <li key={code} data-code={code} data-current={code === county.code || undefined}>
                <span className="print-ranking-name">{countyName(code)}</span>
                <span className="print-ranking-bar" style={{ width: `${Math.max(0, (value / (top || 1)) * 100)}%` }} />
                <span className="print-ranking-value">{fmt(value)}</span>
              </li>
            ))}
          </ol>
        </section>
      </div>
      <PageFooter content={content} />
    </section>
  );
}

async function loadProfile(client: ReturnType<typeof useApolloClient>, view: AtlasView, code: string): Promise<Profile> {
  const years = [...view.atlas.prefecture.years].sort((a, b) => a - b);
  const [county, ...byYear] = await Promise.all([
    client.query({ query: ATLAS_PRINT_COUNTY, variables: { code, year: view.year } }),
    ...years.map((year) => client.query({ query: ATLAS_METRIC_VALUES, variables: { year, metric: view.metric, cause: view.cause ?? DEFAULT_CAUSE } })),
  ]);
  if (!county.data?.county) throw new Error(`no county ${code}`);
  const trend = years.map((year, i) => ({
    year,
    value: byYear[i]!.data?.choropleth.areas.find((a) => a.code === code)?.value ?? null,
  }));
  return { county: county.data.county, trend };
}

export function PrintPreview({ ctx, job, onClose }: { ctx: ExportContext; job: PrintJob; onClose(): void }) {
  const { messages: m } = ctx;
  const client = useApolloClient();
  const [picture, setPicture] = useState<{ url: string; content: PngContent } | null>(null);
  const [profile, setProfile] = useState<Profile | null>(null);
  const [error, setError] = useState<string | null>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  // Captured once, as the map is when the sheet opens (the view is the one the menu was opened on).
  const opened = useRef(ctx);

  useEffect(() => {
    let cancelled = false;
    const c = opened.current;
    void whenIdle(c.map).then(() => {
      if (cancelled) return;
      const marks = mapMarks(c.map, c.messages, c.view.messages.numberLocale);
      const canvas = composeMapPicture(c.map, marks);
      setPicture({ url: canvas.toDataURL('image/png'), content: documentContent(c) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!job.county) return;
    let cancelled = false;
    loadProfile(client, opened.current.view, job.county).then(
      (loaded) => !cancelled && setProfile(loaded),
      (e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      cancelled = true;
    };
  }, [client, job.county]);

  const ready = picture != null && (job.county == null || profile != null);
  useEffect(() => {
    if (ready) printButton.current?.focus();
  }, [ready]);

  // The page's title while the sheet is open: "save as PDF" offers it as the file's name.
  useEffect(() => {
    const { view: v, messages: mm, prefecture } = opened.current;
    const county = job.county ? v.atlas.counties.find((c) => c.code === job.county) : null;
    const detail = county ? county[v.messages.nameField] || county.name : undefined;
    const previous = document.title;
    document.title = exportFileStem({ brand: mm.fileBrand, prefecture, year: v.year, detail });
    return () => {
      document.title = previous;
    };
  }, [job.county]);

  // Escape closes the preview wherever the focus is (printing can take it off the page's buttons).
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  const pageRule = useMemo(() => `@page { size: ${job.paper} landscape; margin: 0; }`, [job.paper]);
  const content = picture?.content;

  return createPortal(
    <div
      className="print-root"
      role="dialog"
      aria-modal="true"
      aria-label={m.print.previewLabel}
      data-testid="print-preview"
      data-ready={ready || undefined}
      data-paper={job.paper}
    >
      <style>{pageRule}</style>
      <div className="print-toolbar">
        <span>{m.print.previewLabel}</span>
        <button ref={printButton} type="button" className="tool-button" data-testid="print-run" disabled={!ready} onClick={() => window.print()}>
          {m.print.print}
        </button>
        <button type="button" className="tool-button" data-testid="print-close" onClick={onClose}>
          {m.print.close}
        </button>
      </div>
      {error && (
        <p className="print-error" role="alert">
          {m.failed(error)}
        </p>
      )}
      {!ready && !error && <p className="print-loading">{m.print.loading}</p>}
      {picture && content && (
        <section className="print-page" data-paper={job.paper} data-testid="print-map-page">
          <PageHeader title={content.title} subtitle={`${content.brand} · ${content.subtitle}`} />
          <div className="print-map-body">
            <figure className="print-map">
              <img src={picture.url} alt={content.title} data-testid="print-map-image" />
            </figure>
            <KeyColumn content={content} m={m} />
          </div>
          <PageFooter content={content} />
        </section>
      )}
      {picture && content && profile && <ProfilePage ctx={opened.current} profile={profile} content={content} paper={job.paper} />}
    </div>,
    document.body,
  );
}
