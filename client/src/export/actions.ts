/**
 * The exports of the current view: each builds its file from what the map
 * shows (pure parts in csv.ts, layer-tables.ts, png-content.ts, map-marks.ts)
 * and hands it to the browser; each returns the file's name for the status
 * line. The printed sheet is print-sheet.tsx.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { AtlasView } from '../map/layers/types';
import { toCsv } from './csv';
import { downloadBlob, downloadText } from './download';
import { exportFileName, isoDate } from './file-name';
import { exportFeatureCollection, exportTable, type ExportData } from './layer-tables';
import type { ExportLayerKey, ExportMessages } from './messages';
import { mapMarks, mapPng } from './png';
import { pngContent, type PngContent } from './png-content';

export interface ExportContext {
  map: MapLibreMap;
  view: AtlasView;
  messages: ExportMessages;
  /** the platform's name (the page's title), under the export's title */
  title: string;
  /** the prefecture's name in the view's language */
  prefecture: string;
}

function fileName(ctx: ExportContext, extension: 'png' | 'csv' | 'geojson', detail?: string): string {
  return exportFileName({ brand: ctx.messages.fileBrand, prefecture: ctx.prefecture, year: ctx.view.year, detail, extension });
}

/** What the PNG and the printed sheet say about the map as it is now. */
export function documentContent(ctx: ExportContext): PngContent {
  const { map, view, messages, title, prefecture } = ctx;
  return pngContent(view, { brand: title, prefecture, date: isoDate(new Date()), zoom: map.getZoom() }, messages);
}

export async function exportPng(ctx: ExportContext): Promise<string> {
  const content = documentContent(ctx);
  const { numberLocale } = ctx.view.messages;
  const marks = mapMarks(ctx.map, ctx.messages, numberLocale);
  const name = fileName(ctx, 'png');
  // The texts' language is the messages' (their number locale is the UI's language tag).
  downloadBlob(await mapPng(ctx.map, content, marks, numberLocale), name);
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
