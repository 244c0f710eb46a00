/**
 * The PNG of the map as it is on screen: the map's canvas (kept readable by
 * `preserveDrawingBuffer`, captured after the map's next 'idle' so every tile
 * and label of the current view is drawn), under a title band and over a
 * legend band drawn with canvas 2D in system fonts (no web font, nothing
 * fetched). Sizes are CSS pixels times the canvas's own pixel ratio.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { LABEL_FONTS } from '../map/layers/county-layer';
import { BACKGROUND_COLOR } from '../map/style';
import type { PngContent } from './png-content';

const FONT_FAMILY = LABEL_FONTS.map((f) => (f.includes(' ') ? `"${f}"` : f)).join(', ');
/** The atlas's colours (app.css). */
const COLORS = { ink: '#1f2d3d', inkSoft: '#52606d', bar: '#17212e', accent: '#c8102e', rule: '#d9dee4' };
/** CSS pixels: padding, title band, legend swatch, class row height, gap between class columns. */
const PAD = 20;
const HEADER = 64;
const SWATCH = { width: 28, height: 14 };
const ROW = 22;
const GAP = 24;

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

/** Lays the legend's classes out in columns of equal width, as many per row as fit. */
function classGrid(ctx: CanvasRenderingContext2D, content: PngContent, width: number) {
  font(ctx, 13);
  const cell = SWATCH.width + 8 + Math.max(0, ...content.classes.map((c) => ctx.measureText(c.label).width)) + GAP;
  const perRow = Math.max(1, Math.floor((width - 2 * PAD + GAP) / cell));
  return { cell, perRow, rows: Math.ceil(content.classes.length / perRow) };
}

/** Composes the image; `map` must be idle (see `whenIdle`). */
export function composeMapImage(map: MapLibreMap, content: PngContent): HTMLCanvasElement {
  const source = map.getCanvas();
  const ratio = source.width / (source.clientWidth || source.width);
  const width = source.width / ratio;
  const mapHeight = source.height / ratio;

  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas to compose the export');
  const grid = classGrid(ctx, content, width);
  // Padding, the legend's title line, the class rows, the note, a rule, the source line, padding.
  const footer = PAD + 39 + grid.rows * ROW + 6 + 32 + 10 + PAD;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round((HEADER + mapHeight + footer) * ratio);
  ctx.scale(ratio, ratio);
  ctx.textBaseline = 'middle';

  // Title band, as the title bar on screen.
  ctx.fillStyle = COLORS.bar;
  ctx.fillRect(0, 0, width, HEADER);
  ctx.fillStyle = COLORS.accent;
  ctx.fillRect(PAD, 15, 6, HEADER - 30);
  ctx.fillStyle = '#ffffff';
  font(ctx, 19, 600);
  ctx.fillText(content.title, PAD + 18, 23, width - 2 * PAD - 18);
  ctx.fillStyle = '#b8c2cc';
  font(ctx, 13);
  ctx.fillText(content.subtitle, PAD + 18, 45, width - 2 * PAD - 18);

  // The map, pixel for pixel, over the background colour its container shows (the canvas is clear there).
  ctx.fillStyle = BACKGROUND_COLOR;
  ctx.fillRect(0, HEADER, width, mapHeight);
  ctx.drawImage(source, 0, HEADER, width, mapHeight);

  // Legend band.
  let y = HEADER + mapHeight;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, y, width, footer);
  y += PAD + 11;
  ctx.fillStyle = COLORS.ink;
  font(ctx, 15, 600);
  ctx.fillText(content.legendTitle, PAD, y);
  const titleWidth = ctx.measureText(content.legendTitle).width;
  ctx.fillStyle = COLORS.inkSoft;
  font(ctx, 12);
  ctx.fillText(content.legendSubtitle, PAD + titleWidth + 12, y);
  y += 28;
  font(ctx, 13);
  content.classes.forEach((c, i) => {
    const x = PAD + (i % grid.perRow) * grid.cell;
    const rowY = y + Math.floor(i / grid.perRow) * ROW;
    ctx.fillStyle = c.color;
    ctx.fillRect(x, rowY - SWATCH.height / 2, SWATCH.width, SWATCH.height);
    ctx.strokeStyle = 'rgba(0,0,0,0.15)';
    ctx.strokeRect(x + 0.5, rowY - SWATCH.height / 2 + 0.5, SWATCH.width - 1, SWATCH.height - 1);
    ctx.fillStyle = COLORS.ink;
    ctx.fillText(c.label, x + SWATCH.width + 8, rowY);
  });
  y += grid.rows * ROW + 6;
  ctx.fillStyle = COLORS.ink;
  font(ctx, 12, 600);
  ctx.fillText(content.note, PAD, y, width - 2 * PAD);
  y += 16;
  ctx.fillStyle = COLORS.rule;
  ctx.fillRect(PAD, y, width - 2 * PAD, 1);
  y += 16;
  ctx.fillStyle = COLORS.inkSoft;
  font(ctx, 12);
  ctx.fillText(content.source, PAD, y, width - 2 * PAD);
  return canvas;
}

export async function mapPng(map: MapLibreMap, content: PngContent): Promise<Blob> {
  await whenIdle(map);
  // Composed right after 'idle', before anything can draw another frame.
  const canvas = composeMapImage(map, content);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser made no PNG'))), 'image/png'),
  );
}
