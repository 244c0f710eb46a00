/**
 * The PNG of the map as it is on screen: the map's canvas (kept readable by
 * `preserveDrawingBuffer`, captured after the map's next 'idle' so every tile
 * and label of the current view is drawn) with a scale bar and a north arrow
 * on it, under a title band and over a key band (classes, the drawn
 * overlays' symbols, notes, source) drawn with canvas 2D in system fonts (no
 * web font, nothing fetched). Sizes are CSS pixels times the canvas's own
 * pixel ratio. The texts are also written into the file (png-text.ts).
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONTS } from '../map/layers/county-layer';
import type { Swatch } from '../map/layers/types';
import { BACKGROUND_COLOR } from '../map/style';
import { metresPerPixel, northRotation, scaleBar, type ScaleBar } from './map-marks';
import type { ExportMessages } from './messages';
import { contentLines, type KeyEntry, type PngContent } from './png-content';
import { withPngText } from './png-text';

const FONT_FAMILY = LABEL_FONTS.map((f) => (f.includes(' ') ? `"${f}"` : f)).join(', ');
/** The atlas's colours (app.css). */
export const COLORS = { ink: '#1f2d3d', inkSoft: '#52606d', bar: '#17212e', accent: '#c8102e', rule: '#d9dee4' };
/** CSS pixels: padding, title band, legend swatch, key row height, gap between key columns. */
const PAD = 20;
const HEADER = 64;
const SWATCH = { width: 24, height: 14 };
const ROW = 22;
const GAP = 24;
/** The scale bar's longest length, CSS pixels. */
export const SCALE_BAR_MAX = 160;

/** Resolves at the map's next 'idle': everything of the current view is drawn. */
export function whenIdle(map: MapLibreMap): Promise<void> {
  return new Promise((resolve) => {
    map.once('idle', () => resolve());
    // An idle map renders no frame by itself; ask for one so 'idle' follows.
    map.triggerRepaint();
  });
}

function font(ctx: CanvasRenderingContext2D, size: number, weight = 400): void {
  ctx.font = `${weight} ${size}px ${FONT_FAMILY}`;
}

/** A key's sample, as the layer panel draws it (layer-legend.tsx), centred on `cy`. */
export function drawSwatch(ctx: CanvasRenderingContext2D, swatch: Swatch, x: number, cy: number): void {
  const { width: w, height: h } = SWATCH;
  const top = cy - h / 2;
  ctx.save();
  ctx.setLineDash([]);
  switch (swatch.shape) {
    case 'arrow': {
      ctx.strokeStyle = swatch.color;
      ctx.fillStyle = swatch.color;
      ctx.lineWidth = 2.2;
      ctx.lineCap = 'round';
      ctx.beginPath();
      ctx.moveTo(x + 2, cy);
      ctx.lineTo(x + w - 8, cy);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x + w - 2, cy);
      ctx.lineTo(x + w - 10, cy - 4.5);
      ctx.lineTo(x + w - 8, cy);
      ctx.lineTo(x + w - 10, cy + 4.5);
      ctx.closePath();
      ctx.fill();
      break;
    }
    case 'line':
      ctx.strokeStyle = swatch.color;
      ctx.lineWidth = 1.6;
      if (swatch.dashed) ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(x + 2, cy);
      ctx.lineTo(x + w - 2, cy);
      ctx.stroke();
      break;
    case 'circle':
      ctx.beginPath();
      ctx.arc(x + w / 2, cy, 4.5, 0, 2 * Math.PI);
      ctx.fillStyle = swatch.color;
      ctx.fill();
      if (swatch.strokeWidth > 0) {
        ctx.strokeStyle = swatch.stroke;
        ctx.lineWidth = swatch.strokeWidth;
        ctx.stroke();
      }
      break;
    case 'polygon':
      ctx.beginPath();
      swatch.points.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(x + w / 2 + px, cy + py) : ctx.lineTo(x + w / 2 + px, cy + py)));
      ctx.closePath();
      ctx.fillStyle = swatch.color;
      ctx.fill();
      ctx.strokeStyle = swatch.stroke;
      ctx.lineWidth = swatch.strokeWidth;
      ctx.stroke();
      break;
    case 'fill':
      ctx.globalAlpha = swatch.opacity ?? 1;
      ctx.fillStyle = swatch.color;
      ctx.fillRect(x + 2, top + 1.5, w - 4, h - 3);
      ctx.globalAlpha = 1;
      ctx.strokeStyle = swatch.stroke ?? 'rgba(0,0,0,0.15)';
      ctx.lineWidth = 1;
      if (swatch.stroke) ctx.setLineDash([3, 2]);
      ctx.strokeRect(x + 2.5, top + 2, w - 5, h - 4);
      break;
    default:
      throw new Error(`unknown swatch ${JSON.stringify(swatch satisfies never)}`);
  }
  ctx.restore();
}

export interface MapMarks {
  scale: ScaleBar;
  /** degrees clockwise */
  northRotation: number;
  north: string;
}

/** The scale bar and north arrow of the map's current camera. */
export function mapMarks(map: MapLibreMap, m: Pick<ExportMessages, 'kilometres' | 'metres' | 'north'>, locale: string): MapMarks {
  const { lat } = map.getCenter();
  return {
    scale: scaleBar(metresPerPixel(lat, map.getZoom()), SCALE_BAR_MAX, m, locale),
    northRotation: northRotation(map.getBearing()),
    north: m.north,
  };
}

/**
 * The scale bar (bottom left, on a white plate: a solid bar in ink with end
 * ticks, its length label above) and the north arrow (top right, turned
 * with the map's bearing) on a map drawn in the box `x, y, width, height`.
 */
export function drawMapMarks(ctx: CanvasRenderingContext2D, box: { x: number; y: number; width: number; height: number }, marks: MapMarks): void {
  const { scale } = marks;
  font(ctx, 12, 600);
  const labelWidth = ctx.measureText(scale.label).width;
  const plate = { width: Math.max(scale.pixels, labelWidth) + 20, height: 38 };
  const px = box.x + 12;
  const py = box.y + box.height - 12 - plate.height;
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.fillRect(px, py, plate.width, plate.height);
  const barX = Math.round(px + 10);
  const barY = Math.round(py + plate.height - 12);
  ctx.fillStyle = COLORS.ink;
  // The bar: 4 px high, `scale.pixels` long, with 8 px ticks at both ends.
  ctx.fillRect(barX, barY, scale.pixels, 4);
  ctx.fillRect(barX, barY - 4, 1.5, 8);
  ctx.fillRect(barX + scale.pixels - 1.5, barY - 4, 1.5, 8);
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(scale.label, barX, barY - 7);

  // North arrow: a two-tone needle with the letter above it, turned as north is on the map.
  const cx = box.x + box.width - 36;
  const cy = box.y + 44;
  ctx.save();
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.beginPath();
  ctx.arc(cx, cy, 26, 0, 2 * Math.PI);
  ctx.fill();
  ctx.translate(cx, cy);
  ctx.rotate((marks.northRotation * Math.PI) / 180);
  ctx.fillStyle = COLORS.ink;
  ctx.beginPath();
  ctx.moveTo(0, -14);
  ctx.lineTo(7, 10);
  ctx.lineTo(0, 5);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.strokeStyle = COLORS.ink;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(0, -14);
  ctx.lineTo(-7, 10);
  ctx.lineTo(0, 5);
  ctx.closePath();
  ctx.fill();
  ctx.stroke();
  font(ctx, 11, 700);
  ctx.fillStyle = COLORS.ink;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText(marks.north, 0, -20);
  ctx.restore();
}

/** A block of the key band: its height, and how to draw it at `y`. */
interface Block {
  height: number;
  draw(ctx: CanvasRenderingContext2D, y: number): void;
}

function textBlock(text: string, size: number, weight: number, color: string, width: number, gapAfter = 6): Block {
  return {
    height: size + 6 + gapAfter,
    draw(ctx, y) {
      font(ctx, size, weight);
      ctx.fillStyle = color;
      ctx.textBaseline = 'middle';
      ctx.fillText(text, PAD, y + (size + 6) / 2, width - 2 * PAD);
    },
  };
}

/** Key entries in columns of equal width, as many per row as fit. */
function gridBlock(ctx: CanvasRenderingContext2D, entries: readonly KeyEntry[], width: number): Block {
  font(ctx, 13);
  const cell = SWATCH.width + 8 + Math.max(0, ...entries.map((e) => ctx.measureText(e.label).width)) + GAP;
  const perRow = Math.max(1, Math.floor((width - 2 * PAD + GAP) / cell));
  const rows = Math.ceil(entries.length / perRow);
  return {
    height: rows * ROW + 4,
    draw(c, y) {
      font(c, 13);
      c.textBaseline = 'middle';
      entries.forEach((e, i) => {
        const x = PAD + (i % perRow) * cell;
        const rowY = y + Math.floor(i / perRow) * ROW + ROW / 2;
        drawSwatch(c, e.swatch, x, rowY);
        c.fillStyle = COLORS.ink;
        c.fillText(e.label, x + SWATCH.width + 8, rowY, cell - SWATCH.width - 8 - 8);
      });
    },
  };
}

function ruleBlock(width: number): Block {
  return {
    height: 14,
    draw(ctx, y) {
      ctx.fillStyle = COLORS.rule;
      ctx.fillRect(PAD, y + 6, width - 2 * PAD, 1);
    },
  };
}

/** The key band's blocks, top to bottom. */
function keyBlocks(ctx: CanvasRenderingContext2D, content: PngContent, width: number): Block[] {
  const blocks: Block[] = [textBlock(content.legendTitle, 15, 600, COLORS.ink, width, 4)];
  blocks.push(gridBlock(ctx, content.noData ? [...content.classes, content.noData] : content.classes, width));
  if (content.classesNote) blocks.push(textBlock(content.classesNote, 12, 400, COLORS.inkSoft, width));
  if (content.footnote) blocks.push(textBlock(content.footnote, 12, 600, COLORS.ink, width));
  for (const section of content.overlays) {
    blocks.push(ruleBlock(width));
    blocks.push(textBlock(section.title, 13, 600, COLORS.ink, width, 2));
    blocks.push(gridBlock(ctx, section.items, width));
    if (section.notes.length > 0) blocks.push(textBlock(section.notes.join(' · '), 12, 400, COLORS.inkSoft, width));
  }
  blocks.push(ruleBlock(width));
  blocks.push(textBlock(content.schematic, 12, 600, COLORS.ink, width, 2));
  blocks.push(textBlock(content.source, 12, 400, COLORS.inkSoft, width, 0));
  return blocks;
}

/** Composes the image; `map` must be idle (see `whenIdle`). */
export function composeMapImage(map: MapLibreMap, content: PngContent, marks: MapMarks): HTMLCanvasElement {
  const source = map.getCanvas();
  const ratio = source.width / (source.clientWidth || source.width);
  const width = source.width / ratio;
  const mapHeight = source.height / ratio;

  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to compose the export');
  const blocks = keyBlocks(ctx, content, width);
  const footer = PAD + blocks.reduce((n, b) => n + b.height, 0) + PAD;
  // Setting the size resets the context: measured above, drawn below.
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round((HEADER + mapHeight + footer) * ratio);
  ctx.scale(ratio, ratio);
  ctx.textBaseline = 'middle';

  // Title band, as the title bar on screen: the title (prefecture, metric, year), then the platform, level and classes.
  ctx.fillStyle = COLORS.bar;
  ctx.fillRect(0, 0, width, HEADER);
  ctx.fillStyle = COLORS.accent;
  ctx.fillRect(PAD, 15, 6, HEADER - 30);
  ctx.fillStyle = '#ffffff';
  font(ctx, 19, 600);
  ctx.fillText(content.title, PAD + 18, 23, width - 2 * PAD - 18);
  ctx.fillStyle = '#b8c2cc';
  font(ctx, 13);
  ctx.fillText(`${content.brand} · ${content.subtitle}`, PAD + 18, 45, width - 2 * PAD - 18);

  // The map, pixel for pixel, over the background colour its container shows (the canvas is clear there).
  ctx.fillStyle = BACKGROUND_COLOR;
  ctx.fillRect(0, HEADER, width, mapHeight);
  ctx.drawImage(source, 0, HEADER, width, mapHeight);
  drawMapMarks(ctx, { x: 0, y: HEADER, width, height: mapHeight }, marks);

  // Key band.
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, HEADER + mapHeight, width, footer);
  let y = HEADER + mapHeight + PAD;
  for (const block of blocks) {
    block.draw(ctx, y);
    y += block.height;
  }
  return canvas;
}

/** The map alone with its scale bar and north arrow (the printed sheet's picture); `map` must be idle. */
export function composeMapPicture(map: MapLibreMap, marks: MapMarks): HTMLCanvasElement {
  const source = map.getCanvas();
  const ratio = source.width / (source.clientWidth || source.width);
  const width = source.width / ratio;
  const height = source.height / ratio;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = source.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to compose the export');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = BACKGROUND_COLOR;
  ctx.fillRect(0, 0, width, height);
  ctx.drawImage(source, 0, 0, width, height);
  drawMapMarks(ctx, { x: 0, y: 0, width, height }, marks);
  return canvas;
}

function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}

export async function mapPng(map: MapLibreMap, content: PngContent, marks: MapMarks, language: string): Promise<Blob> {
  await whenIdle(map);
  // Composed right after 'idle', before anything can draw another frame.
  const canvas = composeMapImage(map, content, marks);
  const png = new Uint8Array(await (await canvasPng(canvas)).arrayBuffer());
  const described = withPngText(
    png,
    [
      ['Title', content.title],
      ['Description', contentLines(content, marks.scale.label).join('\n')],
      ['Source', content.source],
      ['Disclaimer', content.schematic],
      ['Scale', marks.scale.label],
      ['Creation Time', new Date().toISOString()],
    ],
    language,
  );
  return new Blob([described], { type: 'image/png' });
}
