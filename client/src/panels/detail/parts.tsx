/** Pieces every kind of detail shares: the header, figure lists, link lists, number formats. */
import { useEffect, useRef, type ReactNode } from 'react';
import { formatNumber } from '../../map/messages';
import type { Selection, SelectionKind } from '../../state/view-state';
import type { Geometry } from '../../graphql/documents';
import { featureShape, type FeatureShape } from './bounds';
import type { DetailMessages } from './messages';

/** What every kind's view gets from the panel. */
export interface DetailContext {
  messages: DetailMessages;
  year: number;
  /** the id of the panel's heading (aria-labelledby) */
  headingId: string;
  onSelect(selection: Selection): void;
  /** the feature's shape is known: the map marks and frames it */
  onShow(shape: FeatureShape): void;
}

/** What a selected feature's part of the panel is given (each layer module's `select.detail`). */
export interface DetailPartProps {
  ctx: DetailContext;
  /** the feature's code or id */
  id: string;
}

export interface Named {
  name: string;
  nameEn: string;
}

export function nameOf(messages: DetailMessages, place: Named): string {
  return place[messages.nameField];
}

/** Number formats of the panel, in the messages' locale. */
export function formats(m: DetailMessages) {
  return {
    int: (n: number) => formatNumber(m, n),
    persons: (n: number) => m.persons(formatNumber(m, n)),
    households: (n: number) => m.households(formatNumber(m, n)),
    /** percent with one decimal, as the legend, list and exports write it (cartography rule 4) */
    percent: (n: number) => m.percent(formatNumber(m, n, 1)),
    /** an amount in 万元 */
    money: (n: number) => m.tenThousandYuan(formatNumber(m, n, 2)),
    count: (n: number) => m.count(formatNumber(m, n)),
    /** a policy line as written in rules: 3, 2.5 */
    threshold: (n: number) => n.toLocaleString(m.numberLocale, { maximumFractionDigits: 2 }),
  };
}

/**
 * Gives the map the feature's shape once its answer is in: once per feature
 * (not again when only the year changes). Null geometries (an alliance
 * without a footprint) are left out.
 */
export function useShowOnMap(ctx: DetailContext, selection: Selection, geometries: ReadonlyArray<Geometry | null | undefined> | null): void {
  const done = useRef<string | null>(null);
  const { kind, id } = selection;
  const { onShow } = ctx;
  useEffect(() => {
    const key = `${kind}:${id}`;
    if (!geometries || done.current === key) return;
    const shape = featureShape({ kind, id }, geometries);
    if (!shape) return;
    done.current = key;
    onShow(shape);
  }, [kind, id, geometries, onShow]);
}

interface HeaderProps {
  ctx: DetailContext;
  kind: SelectionKind;
  /** null while loading */
  title: string | null;
  /** e.g. "旗 · 国家重点贫困旗县" */
  subtitle?: ReactNode;
  /** the areas above it, each a link (drill up) */
  trail?: ReadonlyArray<{ kind: SelectionKind; id: string; label: string }>;
}

export function DetailHeader({ ctx, kind, title, subtitle, trail }: HeaderProps) {
  return (
    // A div, not <header>: inside the panel a <header> would be read as a second banner of the page.
    <div className="detail-header">
      {trail && trail.length > 0 && (
        <nav className="detail-trail" aria-label={ctx.messages.kinds[kind]}>
          {trail.map((t) => (
            <LinkButton key={t.id} ctx={ctx} to={{ kind: t.kind, id: t.id }}>
              {t.label}
            </LinkButton>
          ))}
        </nav>
      )}
      <p className="detail-kind">{ctx.messages.kinds[kind]}</p>
      <h2 id={ctx.headingId} className="detail-title" data-testid="detail-title">
        {title ?? ctx.messages.loading}
      </h2>
      {subtitle && <p className="detail-subtitle">{subtitle}</p>}
    </div>
  );
}

/** A link to another feature's panel (a button: it changes the page's state, it does not navigate). */
export function LinkButton({ ctx, to, children, testId }: { ctx: DetailContext; to: Selection; children: ReactNode; testId?: string }) {
  return (
    <button
      type="button"
      className="detail-link"
      data-testid={testId}
      data-kind={to.kind}
      data-id={to.id}
      onClick={() => ctx.onSelect(to)}
    >
      {children}
    </button>
  );
}

/** A titled part of the panel. */
export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="detail-section" data-testid={testId}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

/** One figure: label, shown value, and the raw value (data-value) a test or a script can read. */
export interface Figure {
  key: string;
  label: string;
  value: ReactNode;
  raw?: number | string | boolean | null;
  note?: ReactNode;
}

export function FigureList({ figures }: { figures: readonly Figure[] }) {
  return (
    <dl className="detail-figures">
      {figures.map((f) => (
        <div key={f.key} className="detail-figure">
          <dt>{f.label}</dt>
          <dd data-testid={`figure-${f.key}`} data-value={f.raw == null ? undefined : String(f.raw)}>
            {f.value}
            {f.note && <span className="detail-note">{f.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The incidence against an exit line: below (good) or not. */
export function LineBadge({ ok, text }: { ok: boolean; text: string }) {
  return <span className={ok ? 'detail-badge ok' : 'detail-badge warn'}>{text}</span>;
}

export function Status({ ctx, loading, error }: { ctx: DetailContext; loading: boolean; error?: { message: string } | undefined }) {
  if (error) return <p className="detail-error" role="alert">{ctx.messages.loadError(error.message)}</p>;
  if (loading) return <p className="detail-muted" role="status">{ctx.messages.loading}</p>;
  return null;
}

/** The latest answer, or the previous one while the next year loads, but only when it is about this feature. */
export function answerFor<T>(result: { data?: T | undefined; previousData?: T | undefined }, isFor: (data: T) => boolean): T | undefined {
  const latest = result.data ?? result.previousData;
  return latest !== undefined && isFor(latest) ? latest : undefined;
}

/** The panel before the first answer: the kind, "loading" or the error. */
export function DetailPending({ ctx, kind, error }: { ctx: DetailContext; kind: SelectionKind; error?: { message: string } | undefined }) {
  return (
    <>
      <DetailHeader ctx={ctx} kind={kind} title={null} />
      <Status ctx={ctx} loading={!error} error={error} />
    </>
  );
}

/** A titled list, or "none" when it is empty. */
export function ListSection<T>({
  ctx,
  title,
  items,
  testId,
  className = 'detail-list',
  children,
}: {
  ctx: DetailContext;
  title: string;
  items: readonly T[];
  testId?: string;
  className?: string;
  children(item: T): ReactNode;
}) {
  return (
    <Section title={title} testId={testId}>
      {items.length === 0 ? <p className="detail-muted">{ctx.messages.none}</p> : <ul className={className}>{items.map(children)}</ul>}
    </Section>
  );
}

/** One list entry: a link to a feature, and what to know about it in a word or two. */
export function LinkItem({ ctx, to, label, meta, className }: { ctx: DetailContext; to: Selection; label: string; meta?: ReactNode; className?: string }) {
  return (
    <li className={className}>
      <LinkButton ctx={ctx} to={to}>
        {label}
      </LinkButton>
      {meta != null && meta !== false && <span className="detail-meta">{meta}</span>}
    </li>
  );
}
