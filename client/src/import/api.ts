/**
 * The hub's import endpoints (server/src/http/import-route.ts): a preview
 * answered as JSON, a commit answered as NDJSON lines of progress and a last
 * line with the report. The file goes as the raw body, its name and the
 * chosen options in the query.
 */
import type { FeatureCollection } from 'geojson';

export interface ImportChoices {
  kind?: string | null;
  encoding?: string | null;
  headerRow?: number | null;
  crs?: string;
  mapping?: Record<string, string>;
  /** counties of another prefecture where the demo region is: replace it (an admin's token) or keep both */
  demoRegion?: 'replace' | 'keep';
}

export interface Problem {
  row: number;
  field: string;
  reason: string;
  /** the hub's message code (the same in every language), when it has one */
  code: string | null;
  /** the area's name and code as the row gives them */
  area: string | null;
}

export interface Report {
  text: string;
  unit: 'row' | 'feature';
  summary: { read: number; rejectedRows: number; inserted: number; updated: number; written: boolean; dryRun: boolean };
  problems: Problem[];
  repaired: Problem[];
  /** what to know though nothing was refused (coordinates that look like GCJ-02, say) */
  warnings: string[];
  /** what the reader did: the header row taken, total rows skipped, units converted */
  notes: string[];
}

export interface Preview {
  file: string;
  kinds: string[];
  format: string | null;
  detectedKind: string | null;
  kind: string | null;
  encoding: string | null;
  headerRow: number | null;
  fileCrs: string | null;
  crs: string;
  headers: string[];
  mapping: Array<{ field: string; label: string; header: string | null; chosen: boolean }>;
  rows: Array<{ number: number; cells: Record<string, string> }>;
  geometry: FeatureCollection;
  report: Report | null;
}

export interface CommitResult {
  written: boolean;
  report: Report;
}

export interface ProgressLine {
  rows: number;
  share: number | null;
  done: boolean;
}

/** An answer the hub refused, with its message (in Chinese where a person reads it). */
export class ImportRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function url(path: string, file: File, choices: ImportChoices, lang: string): string {
  const query = new URLSearchParams({ name: file.name, options: JSON.stringify(choices), lang });
  return `${path}?${query}`;
}

async function send(path: string, file: File, choices: ImportChoices, token: string, lang: string): Promise<Response> {
  const response = await fetch(url(path, file, choices, lang), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: file,
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const text = await response.text();
    let message = `HTTP ${response.status}`;
    try {
      message = (JSON.parse(text) as { errors?: Array<{ message: string }> }).errors?.[0]?.message ?? message;
    } catch {
      // not JSON (a proxy's page): the status says enough
    }
    throw new ImportRefused(response.status, message);
  }
  return response;
}

export async function previewImport(file: File, choices: ImportChoices, token: string, lang: string): Promise<Preview> {
  return (await send('/import/preview', file, choices, token, lang)).json() as Promise<Preview>;
}

/** Commits the file; `onProgress` hears each progress line as it arrives. */
export async function commitImport(file: File, choices: ImportChoices, token: string, lang: string, onProgress: (p: ProgressLine) => void): Promise<CommitResult> {
  const response = await send('/import/commit', file, choices, token, lang);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  let result: CommitResult | null = null;
  const take = (line: string) => {
    if (line.trim() === '') return;
    const value = JSON.parse(line) as { type: string; message?: string } & Partial<CommitResult> & Partial<ProgressLine>;
    if (value.type === 'progress') onProgress({ rows: value.rows ?? 0, share: value.share ?? null, done: value.done === true });
    else if (value.type === 'result') result = { written: value.written === true, report: value.report! };
    else if (value.type === 'error') throw new ImportRefused(500, value.message ?? 'error');
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    lines.forEach(take);
  }
  take(buffered);
  if (result === null) throw new ImportRefused(500, 'the answer ended without a result');
  return result;
}
