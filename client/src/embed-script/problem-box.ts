/**
 * What the reader sees in the element when the map cannot be shown: a
 * heading and the reason, in the map's language, over the frame (instead of
 * the browser's broken-frame picture). Styled inline, since the host page's
 * style sheets are unknown; `data-code` carries the reason's code.
 */
import type { ProblemCode } from '../embed/protocol';

const BOX_STYLE = [
  'position:absolute',
  'inset:0',
  'z-index:1',
  'box-sizing:border-box',
  'flex-direction:column',
  'align-items:center',
  'justify-content:center',
  'gap:6px',
  'padding:16px',
  'overflow:auto',
  'text-align:center',
  'font:14px/1.5 system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif',
  'color:#1f2933',
  'background:#f4f6f8',
  'border:1px solid #d5dbe1',
].join(';');

export class ProblemBox {
  readonly element: HTMLDivElement;

  constructor() {
    this.element = document.createElement('div');
    this.element.className = 'lingyan-map-problem';
    this.element.setAttribute('role', 'alert');
    this.element.style.cssText = BOX_STYLE;
    this.element.style.display = 'none';
  }

  get shown(): boolean {
    return this.element.style.display !== 'none';
  }

  show(code: ProblemCode, lang: string, title: string, text: string): void {
    const heading = document.createElement('strong');
    heading.textContent = title;
    const reason = document.createElement('span');
    reason.textContent = text;
    this.element.replaceChildren(heading, reason);
    this.element.lang = lang;
    this.element.dataset.code = code;
    this.element.style.display = 'flex';
  }

  hide(): void {
    this.element.style.display = 'none';
    this.element.replaceChildren();
    delete this.element.dataset.code;
  }
}
