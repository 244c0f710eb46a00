/**
 * The side panel of the selected feature (county, township, village,
 * alliance, pairing or industry project): its figures for the year, its trend
 * over the years and its links. Every link selects another feature (drill
 * down county → township → village, or across to a helper); when a feature's
 * shape is known the panel gives it to the map, which marks and frames it.
 *
 * A non-modal dialog: the map stays usable beside it. Opening it, or moving
 * to another feature, puts the keyboard focus on the panel (named by its heading); the close
 * button or Esc closes it and gives the focus back to where it was before it
 * opened (the search box, the map).
 *
 * On a phone or tablet in portrait it is a bottom sheet (app/compact.css) of
 * three heights: its header only, half the screen (where it opens) and all of
 * it under the title bar. A tap on its handle goes from half to all and back
 * (from the header only, to half); a swipe up or down on it moves it a height.
 */
import { useEffect, useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { selectSpec } from '../../map/layers/registry';
import type { Selection } from '../../state/view-state';
import type { FeatureShape } from './bounds';
import type { DetailMessages } from './messages';
import type { DetailContext } from './parts';
import './detail.css';

export type { BBox, FeatureShape } from './bounds';
export type { DetailMessages } from './messages';

export interface DetailPanelProps {
  selection: Selection;
  year: number;
  messages: DetailMessages;
  /** another feature (a link), or null to close */
  onSelect(selection: Selection | null): void;
  /** the selected feature's shape, once its answer is in: for the map to mark and frame */
  onShow(shape: FeatureShape): void;
}

export type SheetSize = 'peek' | 'half' | 'full';
const SHEET_SIZES: readonly SheetSize[] = ['peek', 'half', 'full'];
/** A swipe on the handle longer than this (CSS px) moves the sheet a step. */
const SWIPE = 24;

export function DetailPanel({ selection, year, messages, onSelect, onShow }: DetailPanelProps) {
  const headingId = useId();
  const [sheet, setSheet] = useState<SheetSize>('half');
  const swipeFrom = useRef<number | null>(null);
  const swiped = useRef(false);
  const step = (by: 1 | -1) =>
    setSheet((size) => SHEET_SIZES[Math.min(SHEET_SIZES.length - 1, Math.max(0, SHEET_SIZES.indexOf(size) + by))]!);
  const onHandleDown = (event: PointerEvent<HTMLButtonElement>) => {
    swipeFrom.current = event.clientY;
    swiped.current = false;
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onHandleUp = (event: PointerEvent<HTMLButtonElement>) => {
    const from = swipeFrom.current;
    swipeFrom.current = null;
    if (from == null || Math.abs(event.clientY - from) < SWIPE) return;
    // A swipe, not a tap: the click that follows must not step again.
    swiped.current = true;
    step(event.clientY < from ? 1 : -1);
  };
  const onHandleClick = () => {
    if (swiped.current) {
      swiped.current = false;
      return;
    }
    setSheet((size) => (size === 'full' ? 'half' : size === 'half' ? 'full' : 'half'));
  };
  const panel = useRef<HTMLElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const onShowRef = useRef(onShow);
  onShowRef.current = onShow;

  const ctx = useMemo<DetailContext>(
    () => ({
      messages,
      year,
      headingId,
      onSelect: (s) => onSelectRef.current(s),
      onShow: (shape) => onShowRef.current(shape),
    }),
    [messages, year, headingId],
  );

  // Where the focus was before the panel opened, to give it back on close.
  useEffect(() => {
    const before = document.activeElement;
    if (before && !panel.current?.contains(before)) returnFocus.current = before;
    return () => {
      const target = returnFocus.current;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
    };
  }, []);

  // A new feature: the focus goes to the panel, named by the feature's heading
  // (the link that was clicked is gone; the heading itself is replaced when the answer arrives).
  const key = `${selection.kind}:${selection.id}`;
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
  }, [key]);

  // Esc closes, unless something inside handled it already (an open list).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) onSelectRef.current(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section
      ref={panel}
      className="detail-panel card"
      role="dialog"
      aria-modal="false"
      aria-labelledby={headingId}
      tabIndex={-1}
      data-testid="detail-panel"
      data-kind={selection.kind}
      data-id={selection.id}
      data-year={year}
      data-sheet={sheet}
    >
      <button
        type="button"
        className="detail-sheet-handle"
        aria-label={sheet === 'full' ? messages.sheetCollapse : messages.sheetExpand}
        data-testid="detail-sheet-handle"
        onPointerDown={onHandleDown}
        onPointerUp={onHandleUp}
        onPointerCancel={() => (swipeFrom.current = null)}
        onClick={onHandleClick}
      />
      <div className="detail-body">
        <button type="button" className="detail-close" aria-label={messages.close} title={`${messages.close} (Esc)`} onClick={() => onSelect(null)}>
          ×
        </button>
        <Body ctx={ctx} selection={selection} />
      </div>
    </section>
  );
}

/** The selected kind's part, its layer module's (`select.detail`). */
function Body({ ctx, selection }: { ctx: DetailContext; selection: Selection }) {
  const Part = selectSpec(selection.kind).detail;
  // key: a new feature starts with fresh state (its own focus-once and loading).
  return <Part key={`${selection.kind}:${selection.id}`} ctx={ctx} id={selection.id} />;
}
