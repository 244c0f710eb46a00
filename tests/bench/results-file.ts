/**
 * tests/bench/RESULTS.md, written by parts. Each part of a run (BENCH_CASES,
 * and for some parts each dataset) writes its own section between
 * `<!-- bench:<key> -->` and `<!-- /bench:<key> -->`, stamped with when it
 * was measured and the load average then; a run of some parts replaces only
 * its own sections and keeps the others' figures. A file from before the
 * sections is kept whole as the section `earlier` until a run of every part.
 */
import fs from 'node:fs';
import os from 'node:os';

/** Where a part's sections go in the file (a key is `<part>` or `<part>:<dataset>`). */
const ORDER = ['server', 'peers', 'atlas', 'processes', 'viewers', 'restart', 'earlier'];

const SECTION = /<!-- bench:(\S+) -->\n([\s\S]*?)<!-- \/bench:\1 -->\n?/g;

/** The first line of every section: when, on what, how busy the machine was. */
export function stamp(seconds: number): string {
  const [one, five] = os.loadavg();
  return `_Measured ${new Date().toISOString()} · ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}) · Node ${process.version} · ${seconds} s per measurement · load average ${one!.toFixed(1)} (1 min), ${five!.toFixed(1)} (5 min) at the end of the part_`;
}

function readSections(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of text.matchAll(SECTION)) found.set(m[1]!, `${m[2]!.trim()}\n`);
  if (!found.size && text.trim()) found.set('earlier', `${text.replace(/^# .*\n/, '').trim()}\n`);
  return found;
}

const rank = (key: string) => {
  const i = ORDER.indexOf(key.split(':')[0]!);
  return i < 0 ? ORDER.length : i;
};

/** Merges this run's sections into `file` (all of them replaced when `full`) and returns the text written. */
export function writeResults(file: string, header: string[], sections: Map<string, string[]>, full: boolean): string {
  const kept = full || !fs.existsSync(file) ? new Map<string, string>() : readSections(fs.readFileSync(file, 'utf8'));
  for (const [key, lines] of sections) if (lines.length) kept.set(key, `${lines.join('\n').trim()}\n`);
  const keys = [...kept.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const text = [...header, '', ...keys.map((k) => `<!-- bench:${k} -->\n${kept.get(k)}\n<!-- /bench:${k} -->\n`)].join('\n');
  fs.writeFileSync(file, text);
  return text;
}

/**
 * Fills the sections a document already marks (docs/performance.md places
 * `<!-- bench:<key> -->` … `<!-- /bench:<key> -->` where its prose wants a
 * part's tables) with this run's text for those keys; the document keeps its
 * other text and any section this run did not measure. Headings go one
 * level down: there the sections sit under the document's own `##`.
 * Returns the keys filled.
 */
export function fillMarkedSections(file: string, sections: Map<string, string[]>): string[] {
  const filled: string[] = [];
  const text = fs.readFileSync(file, 'utf8').replace(SECTION, (whole, key: string) => {
    const lines = sections.get(key);
    if (!lines?.length) return whole;
    filled.push(key);
    const body = lines.map((l) => (/^#{1,5} /.test(l) ? `#${l}` : l)).join('\n').trim();
    return `<!-- bench:${key} -->\n${body}\n<!-- /bench:${key} -->\n`;
  });
  fs.writeFileSync(file, text);
  return filled;
}
