/**
 * "Share / Embed": the link to the current view, and ready-to-paste embed
 * snippets of it (an iframe of `/embed`, or the embed script's
 * `<lingyan-map>` element) with size, title, legend and year-slider options.
 * A native modal <dialog>: the browser traps focus and closes it on Esc.
 */
import { useRef, useState } from 'react';
import { formatEmbedOptions } from '../embed/embed-options';

export interface ShareMessages {
  shareButton: string;
  shareTitle: string;
  shareLink: string;
  shareIframe: string;
  shareScript: string;
  shareSize: string;
  shareHeading: string;
  shareLegend: string;
  shareYear: string;
  shareCopy: string;
  shareCopied: string;
  shareClose: string;
  shareNote: string;
}

/** Sizes offered for the snippets (CSS pixels). */
export const EMBED_SIZES: ReadonlyArray<readonly [number, number]> = [
  [800, 600],
  [640, 480],
  [480, 360],
  [320, 240],
];

export interface EmbedSnippetOptions {
  origin: string;
  /** the view's parameters (state/view-state.ts `formatView`) */
  view: string;
  width: number;
  height: number;
  title: string;
  legend: boolean;
  yearControl: boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The iframe snippet of a view. */
export function iframeSnippet(o: EmbedSnippetOptions): string {
  const extra = formatEmbedOptions(o).toString();
  const query = [o.view, extra].filter(Boolean).join('&');
  const src = `${o.origin}/embed${query ? `?${query}` : ''}`;
  const title = o.title.trim() || 'Lingyan map';
  return `<iframe src="${escapeAttribute(src)}" width="${o.width}" height="${o.height}" style="border:0" title="${escapeAttribute(title)}" loading="lazy"></iframe>`;
}

/** The embed script's snippet of a view: two lines of HTML. */
export function scriptSnippet(o: EmbedSnippetOptions): string {
  const attributes = [`view="${escapeAttribute(o.view)}"`];
  for (const [name, value] of formatEmbedOptions(o)) attributes.push(`${name}="${escapeAttribute(value)}"`);
  return (
    `<script src="${o.origin}/embed.js"></script>\n` +
    `<lingyan-map ${attributes.join(' ')} style="display:block;width:${o.width}px;height:${o.height}px"></lingyan-map>`
  );
}

function Snippet({ label, text, testId, messages }: { label: string; text: string; testId: string; messages: ShareMessages }) {
  const [copied, setCopied] = useState(false);
  const area = useRef<HTMLTextAreaElement>(null);
  const copy = async () => {
    area.current?.select();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Clipboard refused (e.g. an insecure context): the text stays selected for Ctrl+C.
      return;
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="share-snippet">
      <label>
        <span>{label}</span>
        <textarea ref={area} readOnly rows={text.includes('\n') ? 3 : 2} value={text} data-testid={testId} onFocus={(e) => e.target.select()} />
      </label>
      <button type="button" onClick={() => void copy()}>
        {copied ? messages.shareCopied : messages.shareCopy}
      </button>
    </div>
  );
}

interface ShareDialogProps {
  /** the view's parameters, as in the link */
  view: string;
  /** suggested heading for the embed (the map's subtitle) */
  heading: string;
  messages: ShareMessages;
}

export function ShareDialog({ view, heading, messages }: ShareDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [size, setSize] = useState(1);
  const [title, setTitle] = useState('');
  const [legend, setLegend] = useState(true);
  const [yearControl, setYearControl] = useState(false);
  const origin = window.location.origin;
  const [width, height] = EMBED_SIZES[size]!;
  const options: EmbedSnippetOptions = { origin, view, width, height, title, legend, yearControl };

  const show = () => {
    setTitle((t) => t || heading);
    setOpen(true);
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" className="share-button" data-testid="share-button" onClick={show}>
        {messages.shareButton}
      </button>
      <dialog ref={dialog} className="share-dialog card" aria-labelledby="share-title" data-testid="share-dialog" onClose={() => setOpen(false)}>
        {open && (
          <form method="dialog">
            <h2 id="share-title">{messages.shareTitle}</h2>
            <Snippet label={messages.shareLink} text={`${origin}/${view ? `?${view}` : ''}`} testId="share-link" messages={messages} />
            <fieldset className="share-options">
              <label>
                <span>{messages.shareSize}</span>
                <select value={size} onChange={(e) => setSize(Number(e.target.value))} data-testid="share-size">
                  {EMBED_SIZES.map(([w, h], i) => (
                    <option key={i} value={i}>
                      {w} × {h}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                <span>{messages.shareHeading}</span>
                <input type="text" value={title} maxLength={120} onChange={(e) => setTitle(e.target.value)} />
              </label>
              <label className="share-check">
                <input type="checkbox" checked={legend} onChange={(e) => setLegend(e.target.checked)} />
                {messages.shareLegend}
              </label>
              <label className="share-check">
                <input type="checkbox" checked={yearControl} onChange={(e) => setYearControl(e.target.checked)} />
                {messages.shareYear}
              </label>
            </fieldset>
            <Snippet label={messages.shareIframe} text={iframeSnippet(options)} testId="share-iframe" messages={messages} />
            <Snippet label={messages.shareScript} text={scriptSnippet(options)} testId="share-script" messages={messages} />
            <p className="share-note">{messages.shareNote}</p>
            <div className="share-actions">
              <button type="submit" data-testid="share-close">
                {messages.shareClose}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
