/**
 * Links that exist for a span of years (an alliance from its founding, a
 * project, a pairing, an assisting unit, a work team) read against the panel's
 * year: not yet begun, running, or over. Every kind of panel marks a link the
 * same way, in the words that fit its kind (a project 未开工, a pairing 尚未结对).
 */
import type { ReactNode } from 'react';
import type { DetailContext } from './parts';

/** Where the year falls in a link's span. */
export type Period = 'future' | 'current' | 'ended';

/** The kinds of link with a span of years; each has its own words (`DetailMessages.timed`). */
export type TimedKind = 'alliance' | 'project' | 'pairing' | 'assignment' | 'workTeam';

/**
 * The span [start, end] (both years included, end null while it runs) against
 * `year`, as the API's `activeIn(year)` reads it: started by the year and not
 * ended before it.
 */
export function periodIn(year: number, start: number, end: number | null): Period {
  if (start > year) return 'future';
  if (end != null && end < year) return 'ended';
  return 'current';
}

/** The order a list shows its links in: running ones first, then those to come, then those over. */
const ORDER: Readonly<Record<Period, number>> = { current: 0, future: 1, ended: 2 };

/** The items with their period in `year`, running first (the list's own order kept within each: the sort is stable). */
export function byPeriod<T>(year: number, items: readonly T[], span: (item: T) => { start: number; end: number | null }): Array<{ item: T; period: Period }> {
  return items
    .map((item) => {
      const { start, end } = span(item);
      return { item, period: periodIn(year, start, end) };
    })
    .sort((a, b) => ORDER[a.period] - ORDER[b.period]);
}

/** The years of a span in the kind's words: "2021 年成立" for an alliance, "2019–2023 年" otherwise. */
export function spanText(ctx: DetailContext, kind: TimedKind, start: number, end: number | null): string {
  return kind === 'alliance' ? ctx.messages.foundedIn(start) : ctx.messages.period(start, end);
}

/** The state in the panel's year, in the kind's words: "2020 年未开工". */
export function stateText(ctx: DetailContext, kind: TimedKind, period: Period): string {
  return ctx.messages.stateIn(ctx.messages.timed[kind][period], ctx.year);
}

/** A link's tag: its state in the year and its years ("未开工 · 2022–2024 年"), muted unless it runs. */
export function PeriodTag({ ctx, kind, start, end }: { ctx: DetailContext; kind: TimedKind; start: number; end: number | null }) {
  const period = periodIn(ctx.year, start, end);
  // A running alliance's years say its state already ("2021 年成立").
  const state = kind === 'alliance' && period === 'current' ? null : ctx.messages.timed[kind][period];
  return (
    <span className="detail-period" data-testid="period-tag" data-period={period}>
      {[state, spanText(ctx, kind, start, end)].filter(Boolean).join(' · ')}
    </span>
  );
}

/** A feature's own state in the panel's year ("2020 年未开工"), for its header or figures. */
export function StateInYear({ ctx, kind, start, end }: { ctx: DetailContext; kind: TimedKind; start: number; end: number | null }) {
  const period = periodIn(ctx.year, start, end);
  return (
    <span className="detail-state" data-testid="detail-state" data-period={period}>
      {stateText(ctx, kind, period)}
    </span>
  );
}

/** A list row of a link with a span: muted, and saying so, when it does not run in the year. */
export function PeriodRow({ period, children, testId }: { period: Period; children: ReactNode; testId?: string }) {
  return (
    <li className={period === 'current' ? undefined : 'inactive'} data-period={period} data-testid={testId}>
      {children}
    </li>
  );
}
