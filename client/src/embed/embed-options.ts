/**
 * The embedded view's own link parameters, beside the view's
 * (state/view-state.ts): what to show around the map, and the read token.
 * `title=` a heading over the map (none by default); `legend=0` hides the
 * legend; `controls=year` shows the year slider; `token=` a read-only embed
 * token (needed when the hub does not let anonymous users read).
 */
export interface EmbedOptions {
  title: string | null;
  legend: boolean;
  yearControl: boolean;
  token: string | null;
}

/** The embed's own link parameters (also the `<lingyan-map>` attributes of the embed script). */
export const EMBED_PARAMS = ['title', 'legend', 'controls', 'token'] as const;

export function parseEmbedOptions(search: string): EmbedOptions {
  const params = new URLSearchParams(search);
  const title = params.get('title')?.trim().slice(0, 120) || null;
  const token = params.get('token')?.trim() || null;
  return {
    title,
    legend: params.get('legend') !== '0',
    yearControl: (params.get('controls') ?? '').split(',').includes('year'),
    token,
  };
}

/** The link parameters of the options (without the token), as `parseEmbedOptions` reads them back. */
export function formatEmbedOptions(o: Pick<EmbedOptions, 'title' | 'legend' | 'yearControl'>): URLSearchParams {
  const params = new URLSearchParams();
  if (o.title?.trim()) params.set('title', o.title.trim());
  if (!o.legend) params.set('legend', '0');
  if (o.yearControl) params.set('controls', 'year');
  return params;
}
