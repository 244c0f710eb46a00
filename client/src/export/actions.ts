/**
 * The three exports of the current view: each builds its file from what the
 * map shows (pure parts in csv.ts, layer-tables.ts, png-content.ts) and hands
 * it to the browser; each returns the file's name for the status line.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasView } from '../map/layers/types';
import { toCsv } from './csv';
import { downloadBlob, downloadText } from './download';
import { exportFileName, isoDate } from './file-name';
import { exportFeatureCollection, exportTable, type ExportData } from './layer-tables';
import type { ExportLayerKey, ExportMessages } from './messages';
import { mapPng } from './png';
import { pngContent } from './png-content';

export interface ExportContext {
  map: MapLibreMap;
  view: AtlasView;
  messages: ExportMessages;
  /** the page's title, the PNG's title */
  title: string;
  /** the prefecture's name in the view's language */
  prefecture: string;
  /** county exit incidence, in percent */
  threshold: number;
}

function fileName(ctx: ExportContext, extension: 'png' | 'csv' | 'geojson', detail?: string): string {
  return exportFileName({ brand: ctx.messages.fileBrand, prefecture: ctx.prefecture, year: ctx.view.year, detail, extension });
}

export async function exportPng(ctx: ExportContext): Promise<string> {
  const { map, view, messages, title, prefecture, threshold } = ctx;
  const content = pngContent(view, { title, prefecture, threshold, date: isoDate(new Date()) }, messages);
  const name = fileName(ctx, 'png');
  downloadBlob(await mapPng(map, content), name);
  return name;
}

export function exportCsv(ctx: ExportContext, data: ExportData, key: ExportLayerKey): string {
  const table = exportTable(ctx.view, key, ctx.messages, data);
  const name = fileName(ctx, 'csv', ctx.messages.layerNames[key]);
  downloadText(toCsv(table.header, table.rows), 'text/csv;charset=utf-8', name);
  return name;
}

export function exportGeoJson(ctx: ExportContext, data: ExportData): string {
  const name = fileName(ctx, 'geojson');
  downloadText(JSON.stringify(exportFeatureCollection(ctx.view, data)), 'application/geo+json', name);
  return name;
}
