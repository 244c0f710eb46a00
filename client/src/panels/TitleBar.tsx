/**
 * The title bar across the top: the platform's name, the region, the year
 * slider and the tools (search, share, export, language).
 *
 * On a compact screen (app/compact.css) the name shrinks to its short form
 * (the full one stays the page's heading for screen readers) and the tools
 * fold behind one button, so the bar keeps to one row (two on a phone in
 * portrait, where the year slider takes a row of its own).
 */
import { useId, useRef, useState, type ReactNode } from 'react';
import { usePublishedHeight } from './usePublishedHeight';

interface TitleBarProps {
  title: string;
  /** the name on a compact screen ("领雁") */
  shortTitle: string;
  subtitle: string | null;
  /** the button that shows the folded tools on a compact screen */
  toolsLabel: string;
  /** the year slider: always shown */
  year?: ReactNode;
  /** the tools: folded on a compact screen */
  children?: ReactNode;
}

export function TitleBar({ title, shortTitle, subtitle, toolsLabel, year, children }: TitleBarProps) {
  const bar = useRef<HTMLElement>(null);
  const toolsId = useId();
  const [toolsOpen, setToolsOpen] = useState(false);
  usePublishedHeight(bar, '--titlebar-height');
  return (
    <header ref={bar} className="titlebar" data-tools-open={toolsOpen || undefined}>
      <div className="titlebar-mark" aria-hidden="true" />
      <div className="titlebar-text">
        <h1>{title}</h1>
        <p className="titlebar-short" aria-hidden="true">
          {shortTitle}
        </p>
        {subtitle && <p className="titlebar-subtitle">{subtitle}</p>}
      </div>
      <button
        type="button"
        className="titlebar-tools-toggle"
        aria-expanded={toolsOpen}
        aria-controls={toolsId}
        data-testid="tools-toggle"
        onClick={() => setToolsOpen(!toolsOpen)}
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
          <path d="M2 4h14M2 9h14M2 14h14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {toolsLabel}
      </button>
      <div className="titlebar-controls">
        {year}
        <div id={toolsId} className="titlebar-tools">
          {children}
        </div>
      </div>
    </header>
  );
}
