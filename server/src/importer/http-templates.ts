/**
 * The import templates as downloads (GET /import/template/<kind>.<xlsx|csv|geojson>),
 * made by @lingyan/data's templateFiles, the same bytes `pnpm data:template`
 * writes; and the list of them (GET /import/templates) for the import page.
 * Made once per language and kept: they never change while the hub runs.
 */
import { IMPORT_KINDS, kindName, templateFiles, type ImportKind, type Lang, type TemplateFile } from '@lingyan/data';

export interface TemplateEntry {
  kind: ImportKind;
  /** the kind's name in the asked language */
  name: string;
  files: Array<{ format: string; name: string; href: string }>;
}

const made = new Map<Lang, Promise<Map<ImportKind, TemplateFile[]>>>();

function all(lang: Lang): Promise<Map<ImportKind, TemplateFile[]>> {
  let files = made.get(lang);
  if (!files) {
    files = Promise.all(IMPORT_KINDS.map(async (kind) => [kind, await templateFiles(kind, lang)] as const)).then((entries) => new Map(entries));
    made.set(lang, files);
  }
  return files;
}

const formatOf = (name: string) => name.slice(name.lastIndexOf('.') + 1);

export async function templateList(lang: Lang): Promise<TemplateEntry[]> {
  const files = await all(lang);
  return IMPORT_KINDS.map((kind) => ({
    kind,
    name: kindName(kind, lang),
    files: files.get(kind)!.map((f) => ({ format: formatOf(f.name), name: f.name, href: `/import/template/${kind}.${formatOf(f.name)}${lang === 'en' ? '?lang=en' : ''}` })),
  }));
}

/** The template `<kind>.<format>`; null when there is none by that name. */
export async function templateFile(file: string, lang: Lang): Promise<TemplateFile | null> {
  const m = /^([a-z-]+)\.(xlsx|csv|geojson)$/.exec(file);
  if (!m || !IMPORT_KINDS.includes(m[1] as ImportKind)) return null;
  return (await all(lang)).get(m[1] as ImportKind)!.find((f) => formatOf(f.name) === m[2]) ?? null;
}

/** Content-Disposition for a download named in Chinese: an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
