/**
 * The import page (/import, 导入数据): a planner or admin picks or drops a
 * file, sees what the hub detected (kind, encoding, header row, CRS, which
 * column each field comes from) and changes any of it, sees the first rows,
 * the geometry on a small map and the full report of a dry run, then writes
 * it all-or-nothing, with progress. Every open atlas hears the change.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { FeatureCollection } from 'geojson';
import { LOCALES, useI18n } from '../app/i18n';
import { LanguageSwitch } from '../panels/LanguageSwitch';
import { commitImport, previewImport, type CommitResult, type ImportChoices, type Preview, type ProgressLine } from './api';
import { IMPORT_MESSAGES, kindName, type ImportMessages } from './messages';
import { PreviewMap } from './PreviewMap';
import { ReportView } from './ReportView';
import { SettingsForm } from './SettingsForm';
import { PreviewTable } from './PreviewTable';
import { Templates } from './Templates';

const TOKEN_KEY = 'lingyan.importToken';

/** The counties' boundaries, as the map's background (the token may be needed to read them). */
async function regionOf(token: string): Promise<FeatureCollection | null> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: '{ counties { code boundary } }' }),
  });
  const body = (await response.json()) as { data?: { counties: Array<{ code: string; boundary: FeatureCollection['features'][number]['geometry'] }> } };
  if (!body.data) return null;
  return { type: 'FeatureCollection', features: body.data.counties.map((c) => ({ type: 'Feature', properties: { code: c.code }, geometry: c.boundary })) };
}

export function ImportPage() {
  const { locale, setLocale } = useI18n();
  const m: ImportMessages = IMPORT_MESSAGES[locale];
  const lang = locale === 'en' ? 'en' : 'zh';
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY) ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [choices, setChoices] = useState<ImportChoices>({});
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<ProgressLine | null>(null);
  const [result, setResult] = useState<CommitResult | null>(null);
  const [region, setRegion] = useState<FeatureCollection | null>(null);
  const [dragging, setDragging] = useState(false);
  const asked = useRef(0);
  const ids = { token: useId(), file: useId(), tokenHint: useId() };

  useEffect(() => {
    sessionStorage.setItem(TOKEN_KEY, token);
  }, [token]);
  useEffect(() => {
    regionOf(token).then(setRegion, () => setRegion(null));
  }, [token]);

  const check = useCallback(
    async (f: File, c: ImportChoices) => {
      if (!token.trim()) {
        setError(m.tokenMissing);
        return;
      }
      const ask = ++asked.current;
      setBusy(true);
      setError(null);
      setResult(null);
      setProgress(null);
      try {
        const p = await previewImport(f, c, token.trim(), lang);
        if (ask === asked.current) setPreview(p);
      } catch (e) {
        if (ask === asked.current) {
          setPreview(null);
          setError((e as Error).message);
        }
      } finally {
        if (ask === asked.current) setBusy(false);
      }
    },
    [token, lang, m.tokenMissing],
  );

  // A new language: the report's lines come again in it.
  useEffect(() => {
    if (file && preview) void check(file, choices);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lang]);

  const choose = (f: File | null | undefined) => {
    if (!f) return;
    setFile(f);
    setChoices({});
    void check(f, {});
  };
  const change = (next: ImportChoices) => {
    setChoices(next);
    if (file) void check(file, next);
  };
  const commit = async () => {
    if (!file || !preview?.kind) return;
    setBusy(true);
    setError(null);
    setProgress({ rows: 0, share: 0, done: false });
    try {
      setResult(await commitImport(file, { ...choices, kind: preview.kind }, token.trim(), lang, setProgress));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  const report = result?.report ?? preview?.report ?? null;
  const canCommit = !busy && !result && preview?.kind != null && preview.report !== null && preview.report.problems.length === 0 && preview.report.summary.read > 0;

  return (
    <div className="import-page">
      <header className="import-header">
        <h1>{m.title}</h1>
        <a href="/" className="import-back">
          {m.backToAtlas}
        </a>
        <LanguageSwitch options={LOCALES} locale={locale} label={m.languageLabel} onChange={setLocale} />
      </header>
      <main className="import-main">
        <p className="import-intro">{m.intro}</p>
        <section className="import-card" aria-labelledby={`${ids.file}-h`}>
          <h2 id={`${ids.file}-h`}>{m.fileTitle}</h2>
          <div className="import-field">
            <label htmlFor={ids.token}>{m.tokenLabel}</label>
            <input id={ids.token} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} aria-describedby={ids.tokenHint} data-testid="import-token" />
            <p id={ids.tokenHint} className="import-hint">
              {m.tokenHint}
            </p>
          </div>
          <div
            className={dragging ? 'import-drop dragging' : 'import-drop'}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="import-drop"
          >
            <label htmlFor={ids.file}>{m.fileLabel}</label>
            <input id={ids.file} type="file" accept=".csv,.txt,.xlsx,.geojson,.json,.zip" onChange={(e) => choose(e.target.files?.[0])} data-testid="import-file" />
            <span className="import-hint">{m.dropHint}</span>
            {file && <strong className="import-file-name">{file.name}</strong>}
          </div>
          <Templates lang={lang} messages={m} />
        </section>

        {error && (
          <p className="import-error" role="alert" data-testid="import-error">
            {m.error(error)}
          </p>
        )}
        <p className="import-status" role="status" aria-live="polite" data-testid="import-status">
          {busy && !progress ? m.checking : ''}
          {progress && !result ? m.progress(progress.rows, progress.share) : ''}
        </p>

        {preview && (
          <>
            <section className="import-card" aria-labelledby="import-settings-h">
              <h2 id="import-settings-h">{m.settingsTitle}</h2>
              <p className="import-hint" data-testid="import-detected">
                {preview.detectedKind ? m.kindDetected(kindName(m, preview.detectedKind)) : m.kindUnknown}
              </p>
              <SettingsForm preview={preview} choices={choices} messages={m} disabled={busy} onChange={change} />
            </section>
            <section className="import-card import-geometry" aria-labelledby="import-map-h">
              <h2 id="import-map-h">{m.mapTitle(preview.geometry.features.length)}</h2>
              {preview.geometry.features.length === 0 && <p className="import-hint">{m.noGeometry}</p>}
              <PreviewMap geometry={preview.geometry} region={region} label={m.mapLabel} />
            </section>
            <PreviewTable preview={preview} messages={m} />
          </>
        )}

        {report && <ReportView report={report} committed={result} messages={m} />}

        {preview && (
          <section className="import-card import-commit" aria-label={m.commit}>
            {progress && (
              <progress max={1} value={progress.share ?? undefined} aria-label={m.progress(progress.rows, progress.share)} data-testid="import-progress" />
            )}
            {!result && (
              <button type="button" className="import-button" disabled={!canCommit} onClick={() => void commit()} data-testid="import-commit">
                {busy && progress ? m.committing : m.commit}
              </button>
            )}
            {!canCommit && !result && !busy && <p className="import-hint">{m.commitHint}</p>}
            {result?.written && (
              <a href="/" className="import-button" data-testid="import-open-atlas">
                {m.openAtlas}
              </a>
            )}
          </section>
        )}
      </main>
    </div>
  );
}
