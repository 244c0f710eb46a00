/**
 * 导出 / Export: a menu button (WAI-ARIA menu button pattern) with the PNG of
 * the map, a CSV table per shown layer, one GeoJSON file of the shown
 * layers, and the printed sheet (A4 or A3 landscape) of the region or of the
 * selected county's profile, opened as a preview to print from. Enter, Space
 * or ↓ opens it on the first item, ↑ on the last; ↑ ↓
 * Home End move, Enter runs, Escape closes and returns to the button.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApolloClient } from '@apollo/client/react';
import { exportCsv, exportGeoJson, exportPng, type ExportContext } from '../export/actions';
import { loadExportData } from '../export/export-data';
import { EXPORT_LAYERS, exportCount, exportFeatureCollection, isShown, type ExportData } from '../export/layer-tables';
import type { ExportMessages } from '../export/messages';
import { PrintPreview, type PrintJob } from '../export/print-sheet';
import type { AtlasView } from '../map/layers/types';
import './atlas-tools.css';

/** What the exports read: the map, the view on it, the strings and the PNG's texts. */
type ExportMenuProps = ExportContext;

/** A file item makes its file and returns its name; a print item opens the preview of its sheet. */
type MenuItem = { id: string; label: string } & (
  | { run(ctx: ExportContext, data: ExportData): Promise<string> | string; print?: undefined }
  | { print: PrintJob }
);

/** The selected county's name, when a county is selected. */
function selectedCounty(view: AtlasView): { code: string; name: string } | null {
  if (view.selection?.kind !== 'county') return null;
  const county = view.atlas.counties.find((c) => c.code === view.selection!.id);
  return county ? { code: county.code, name: county[view.messages.nameField] || county.name } : null;
}

function printItems(view: AtlasView, m: ExportMessages): MenuItem[] {
  const county = selectedCounty(view);
  return [
    { id: 'print-region-A4', label: m.printRegion('A4'), print: { paper: 'A4', county: null } },
    { id: 'print-region-A3', label: m.printRegion('A3'), print: { paper: 'A3', county: null } },
    ...(county ? [{ id: 'print-county-A4', label: m.printCounty(county.name, 'A4'), print: { paper: 'A4' as const, county: county.code } }] : []),
  ];
}

function menuItems(view: AtlasView, m: ExportMessages, data: ExportData): MenuItem[] {
  const shown = EXPORT_LAYERS.filter((key) => isShown(view, key));
  return [
    { id: 'png', label: m.png, run: exportPng },
    ...shown.map((key) => ({
      id: `csv-${key}`,
      label: m.csv(m.layerNames[key], exportCount(view, key, data)),
      run: (ctx: ExportContext, d: ExportData) => exportCsv(ctx, d, key),
    })),
    { id: 'geojson', label: m.geojson(exportFeatureCollection(view, data).features.length), run: exportGeoJson },
    ...printItems(view, m),
  ];
}

export function ExportMenu(props: ExportMenuProps) {
  const { view, messages } = props;
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [printJob, setPrintJob] = useState<PrintJob | null>(null);
  const closePrint = useCallback(() => {
    setPrintJob(null);
    button.current?.focus();
  }, []);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const client = useApolloClient();
  // The villages of the year, every one, loaded when the menu opens (the map holds only those in view).
  const [data, setData] = useState<{ year: number; data: ExportData } | null>(null);
  const ready = data?.year === view.year ? data.data : null;
  useEffect(() => {
    if (!open || data?.year === view.year) return;
    let cancelled = false;
    setStatus({ text: messages.working, failed: false });
    loadExportData(client, view.year).then(
      (loaded) => {
        if (cancelled) return;
        setData({ year: view.year, data: loaded });
        setStatus(null);
      },
      (error: unknown) => {
        if (!cancelled) setStatus({ text: messages.failed(error instanceof Error ? error.message : String(error)), failed: true });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open, data, view.year, client, messages]);
  // Counted when the menu opens (and its data is in), not on every change of the view.
  const items = useMemo(() => (open && ready ? menuItems(view, messages, ready) : []), [open, ready, view, messages]);

  const menuButtons = () => [...(root.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  useEffect(() => {
    if (!open || items.length === 0) return;
    const buttons = menuButtons();
    (open === 'last' ? buttons[buttons.length - 1] : buttons[0])?.focus();
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open, items.length]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const run = async (item: MenuItem) => {
    if (!ready) return;
    if (item.print) {
      setOpen(false);
      setPrintJob(item.print);
      return;
    }
    close();
    setBusy(true);
    setStatus({ text: messages.working, failed: false });
    try {
      const name = await item.run(props, ready);
      setStatus({ text: messages.done(name), failed: false });
    } catch (error) {
      setStatus({ text: messages.failed(error instanceof Error ? error.message : String(error)), failed: true });
    } finally {
      setBusy(false);
    }
  };

  const onButtonKey = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (event: KeyboardEvent) => {
    const buttons = menuButtons();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      buttons[(to + buttons.length) % buttons.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') setOpen(false);
  };

  return (
    <div className="export-menu" ref={root} data-testid="export-menu">
      <button
        ref={button}
        type="button"
        className="tool-button"
        id="export-menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== false}
        aria-controls={open ? 'export-menu-list' : undefined}
        aria-busy={busy || (open !== false && !ready)}
        data-testid="export-button"
        onClick={() => setOpen(open ? false : 'first')}
        onKeyDown={onButtonKey}
      >
        {messages.menuLabel}
      </button>
      {open && (
        <div id="export-menu-list" role="menu" aria-labelledby="export-menu-button" className="export-menu-list card" onKeyDown={onMenuKey}>
          {items.map((item) => (
            <button key={item.id} type="button" role="menuitem" tabIndex={-1} data-testid={`export-${item.id}`} onClick={() => void run(item)}>
              {item.label}
            </button>
          ))}
          {/* Files go the other way on their own page (planners, with a token). */}
          <a role="menuitem" tabIndex={-1} href="/import" className="export-menu-import" data-testid="import-link">
            {messages.importData}
          </a>
        </div>
      )}
      <span
        role="status"
        data-testid="export-status"
        data-failed={status?.failed || undefined}
        className={status?.failed ? 'export-status failed' : 'visually-hidden'}
      >
        {status?.text}
      </span>
      {printJob && (
        <PrintPreview
          ctx={props}
          job={printJob}
          onClose={closePrint}
        />
      )}
    </div>
  );
}
