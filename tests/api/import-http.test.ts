/**
 * Import in the browser, server side (issue 24 item 5): POST /import/preview
 * and /import/commit on the running hub, through the command line's core.
 * A preview detects and reports without writing; a commit writes all or
 * nothing and streams its progress; a planner's token is needed, a county
 * token stays in its counties; the body has a size limit; a chosen column
 * mapping changes the result. Figures of demo villages are changed and put
 * back as they were.
 */
import http from 'node:http';
import { DEMO_PREFECTURE_CODE } from '@lingyan/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../../server/src/importer/http-upload.js';
import { PROGRESS_EVERY_ROWS } from '../../server/src/importer/http-progress.js';
import { fingerprint, sql } from '../support/db.js';
import { startTestServer, token, type TestServer } from '../support/server.js';

const YEAR = 2019;
const HEADER = '村代码,年份,户数,乡村人口,贫困户数,贫困人口,集体经济收入';

interface Figures {
  code: string;
  households: number;
  rural: number;
  poorHouseholds: number;
  poor: number;
  income: number;
}

let server: TestServer;
let planner: string;
/** two villages of county 159901, one of 159902 */
let villages: Figures[];
let original: string;

const line = (f: Figures, poor = f.poor) => [f.code, YEAR, f.households, f.rural, f.poorHouseholds, poor, f.income].join(',');
const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;
const state = () =>
  fingerprint([
    `select village_code, year, households, rural_population, poor_households, poor_population, collective_income from village_year where year = ${YEAR}`,
    'select count(*) from audit_entry',
  ]);

interface Answer {
  status: number;
  body: any;
  /** an NDJSON answer's lines */
  lines: any[];
}

async function post(path: string, body: string | Buffer, o: { name?: string; options?: unknown; bearer?: string | null; lang?: string } = {}): Promise<Answer> {
  const query = new URLSearchParams({ name: o.name ?? '村数据.csv', ...(o.options ? { options: JSON.stringify(o.options) } : {}), ...(o.lang ? { lang: o.lang } : {}) });
  const bearer = o.bearer === undefined ? planner : o.bearer;
  const res = await fetch(`${server.url}${path}?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  const text = await res.text();
  const ndjson = (res.headers.get('content-type') ?? '').includes('ndjson');
  const lines = ndjson ? text.trim().split('\n').map((l) => JSON.parse(l)) : [];
  return { status: res.status, body: ndjson ? lines[lines.length - 1] : JSON.parse(text), lines };
}

async function figuresOf(code: string): Promise<Figures> {
  const [r] = await sql<Record<string, string | number>>(`select * from village_year where village_code = $1 and year = $2`, [code, YEAR]);
  return { code, households: Number(r!.households), rural: Number(r!.rural_population), poorHouseholds: Number(r!.poor_households), poor: Number(r!.poor_population), income: Number(r!.collective_income) };
}

beforeAll(async () => {
  server = await startTestServer();
  planner = await token('planner');
  const pick = async (county: string, n: number) =>
    (await sql<{ code: string }>(`select village_code as code from village_year where year = $1 and village_code like $2 and poor_population > 1 order by village_code limit $3`, [YEAR, `${county}%`, n])).map((r) => r.code);
  villages = await Promise.all([...(await pick('159901', 2)), ...(await pick('159902', 1))].map(figuresOf));
  original = await state();
});

afterAll(async () => {
  // Put the demo villages' figures back through the same path.
  if (villages) {
    const put = await post('/import/commit', csv(...villages.map((v) => line(v))), { options: { kind: 'figures' } });
    expect(put.body.written).toBe(true);
  }
  await sql(`delete from audit_entry where action = 'import' and subject = 'planner-test'`);
  await server?.close();
});

describe('preview', () => {
  it('detects the kind, encoding, header row and mapping, and reports without writing', async () => {
    const [a, b] = villages;
    const r = await post('/import/preview', csv(line(a!, a!.poor - 1), line(b!, b!.poor - 1)));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ file: '村数据.csv', format: 'csv', detectedKind: 'figures', kind: 'figures', encoding: 'utf-8', headerRow: 1, crs: 'wgs84' });
    expect(r.body.headers).toEqual(HEADER.split(','));
    expect(r.body.kinds).toContain('figures');
    expect(r.body.mapping).toContainEqual({ field: 'poorPopulation', label: '贫困人口', header: '贫困人口', chosen: false });
    expect(r.body.mapping).toContainEqual({ field: 'villageCode', label: '村代码', header: '村代码', chosen: false });
    expect(r.body.rows).toEqual([
      { number: 2, cells: Object.fromEntries(HEADER.split(',').map((h, i) => [h, line(a!, a!.poor - 1).split(',')[i]])) },
      { number: 3, cells: Object.fromEntries(HEADER.split(',').map((h, i) => [h, line(b!, b!.poor - 1).split(',')[i]])) },
    ]);
    expect(r.body.report.summary).toMatchObject({ file: '村数据.csv', dryRun: true, written: false, read: 2, rejectedRows: 0, updated: 2 });
    expect(r.body.report.problems).toEqual([]);
    expect(r.body.report.text).toContain('村数据.csv');
    expect(r.body.report.text).not.toContain('lingyan-upload-');
    expect(await state()).toBe(original);
  });

  it('draws the geometry of a boundary file, thinned, in WGS-84', async () => {
    const ring = Array.from({ length: 1001 }, (_, i) => {
      const t = (2 * Math.PI * i) / 1000;
      return [111.5 + 0.1 * Math.cos(t), 41.5 + 0.1 * Math.sin(t)];
    });
    ring[1000] = ring[0]!;
    const geojson = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 代码: '159901000000', 名称: '测试旗' }, geometry: { type: 'Polygon', coordinates: [ring] } }] });
    const r = await post('/import/preview', geojson, { name: 'counties.geojson' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ format: 'geojson', detectedKind: 'counties' });
    expect(r.body.geometry.features).toHaveLength(1);
    const drawn = r.body.geometry.features[0].geometry;
    const positions: number[][] = drawn.type === 'MultiPolygon' ? drawn.coordinates[0][0] : drawn.coordinates[0];
    expect(positions.length).toBeLessThanOrEqual(202);
    expect(positions.length).toBeGreaterThan(100);
    expect(positions[0]).toEqual(positions[positions.length - 1]);
    expect(await state()).toBe(original);
  });

  it('a chosen column mapping changes the result', async () => {
    const [a] = villages;
    const odd = csv(line(a!)).replace('贫困人口', 'B列');
    const before = await post('/import/preview', odd);
    expect(before.body.mapping).toContainEqual({ field: 'poorPopulation', label: '贫困人口', header: null, chosen: false });
    expect(before.body.report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([[2, '贫困人口']]);
    // The same problem in English has the same code.
    const english = await post('/import/preview', odd, { lang: 'en' });
    expect(english.body.report.problems).toHaveLength(1);
    expect(english.body.report.problems[0].code).toBe(before.body.report.problems[0].code);
    expect(english.body.report.problems[0].code).not.toBeNull();
    expect(english.body.report.problems[0].reason).not.toBe(before.body.report.problems[0].reason);
    const after = await post('/import/preview', odd, { options: { mapping: { poorPopulation: 'B列' } } });
    expect(after.body.mapping).toContainEqual({ field: 'poorPopulation', label: '贫困人口', header: 'B列', chosen: true });
    expect(after.body.report.problems).toEqual([]);
    expect(after.body.report.summary.rejectedRows).toBe(0);
  });

  it('finds the header row under a title row, says so, and a chosen header row changes the result', async () => {
    const [a] = villages;
    const titled = `${YEAR} 年嘎查村基本情况统计表,,,,,,\n${csv(line(a!))}`;
    const found = await post('/import/preview', titled);
    expect(found.body).toMatchObject({ detectedKind: 'figures', headerRow: 2, headers: HEADER.split(',') });
    expect(found.body.rows.map((r: { number: number }) => r.number)).toEqual([3]);
    expect(found.body.report.problems).toEqual([]);
    expect(found.body.report.notes.join('\n')).toContain('2');
    const chosen = await post('/import/preview', titled, { options: { kind: 'figures', headerRow: 1 } });
    expect(chosen.body.headerRow).toBe(1);
    expect(chosen.body.headers).toContain(`${YEAR} 年嘎查村基本情况统计表`);
    expect(chosen.body.report.summary.rejectedRows).toBeGreaterThan(0);
    expect(await state()).toBe(original);
  });

  it('a chosen kind is checked instead of the detected one', async () => {
    const [a] = villages;
    const r = await post('/import/preview', csv(line(a!)), { options: { kind: 'villages' } });
    expect(r.body).toMatchObject({ detectedKind: 'figures', kind: 'villages' });
    expect(r.body.report.summary.rejectedRows).toBe(1);
  });

  it('says what is wrong with options and names', async () => {
    const bad = await post('/import/preview', csv(), { options: { kind: 'planets' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].message).toContain('planets');
    const nameless = await post('/import/preview', csv(), { name: '' });
    expect(nameless.status).toBe(400);
    expect(nameless.body.errors[0].message).toContain('文件名');
    const unknown = await post('/import/preview', 'x', { name: 'notes.docx' });
    expect(unknown.status).toBe(200);
    expect(unknown.body.report.problems).toHaveLength(1);
    expect(unknown.body.report.problems[0].row).toBe(0);
  });
});

describe('another prefecture where the demo region is', () => {
  const county = (code: string) =>
    JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { 代码: code, 名称: '测试县' }, geometry: { type: 'Polygon', coordinates: [[[110, 40], [110.2, 40], [110.2, 40.2], [110, 40.2], [110, 40]]] } }],
    });
  const demoHeld = (body: { report: { problems: Array<{ code: string | null }> } }) => body.report.problems.filter((p) => p.code === 'prefecture.demoHeld');

  it('asks: the preview names the choice, and nothing is written', async () => {
    const r = await post('/import/preview', county('150202000000'), { name: 'counties.geojson', options: { prefectureName: '测试市' } });
    expect(r.status).toBe(200);
    expect(demoHeld(r.body)).toHaveLength(1);
    expect(await state()).toBe(original);
  });

  it("keeping both is a planner's choice; replacing the demo region needs an admin, and a preview of it removes nothing", async () => {
    const kept = await post('/import/preview', county('150202000000'), { name: 'counties.geojson', options: { prefectureName: '测试市', demoRegion: 'keep' } });
    expect(kept.status).toBe(200);
    expect(demoHeld(kept.body)).toEqual([]);

    const refused = await post('/import/preview', county('150202000000'), { name: 'counties.geojson', options: { prefectureName: '测试市', demoRegion: 'replace' } });
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].message).toContain('admin');

    const admin = await token('admin', [], 1, 'admin-import-http');
    const replaced = await post('/import/preview', county('150202000000'), { name: 'counties.geojson', options: { prefectureName: '测试市', demoRegion: 'replace' }, bearer: admin });
    expect(replaced.status).toBe(200);
    expect(demoHeld(replaced.body)).toEqual([]);
    // A dry run: the county would be written, and the demo region is still there.
    expect(replaced.body.report.summary).toMatchObject({ inserted: 1, written: false, dryRun: true });
    expect(await sql(`select code from prefecture where code = $1`, [DEMO_PREFECTURE_CODE])).toHaveLength(1);
    expect(await state()).toBe(original);
  });

  it('refuses a choice it does not know, naming the ones it does', async () => {
    const r = await post('/import/preview', county('150202000000'), { name: 'counties.geojson', options: { demoRegion: 'merge' } });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].message).toContain('ask、replace、keep');
  });
});

describe('commit', () => {
  it('writes nothing when one row is bad (all-or-nothing), and says which', async () => {
    const [a, b] = villages;
    const r = await post('/import/commit', csv(line(a!, a!.poor - 1), `${b!.code},${YEAR},${b!.households},${b!.rural},${b!.poorHouseholds},很多,${b!.income}`), { options: { kind: 'figures' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ type: 'result', written: false });
    expect(r.body.report.problems.map((p: { row: number; field: string }) => [p.row, p.field])).toEqual([[3, '贫困人口']]);
    expect(await state()).toBe(original);
  });

  it('writes every row, streams progress, and audits the planner', async () => {
    const [a, b] = villages;
    const r = await post('/import/commit', csv(line(a!, a!.poor - 1), line(b!, b!.poor - 1)));
    expect(r.lines[0]).toMatchObject({ type: 'start', file: '村数据.csv', kind: 'figures' });
    expect(r.lines.filter((l) => l.type === 'progress').at(-1)).toMatchObject({ rows: 2, done: true });
    expect(r.body).toMatchObject({ type: 'result', written: true, report: { summary: { updated: 2, rejectedRows: 0, written: true } } });
    expect((await figuresOf(a!.code)).poor).toBe(a!.poor - 1);
    expect((await figuresOf(b!.code)).poor).toBe(b!.poor - 1);
    const [audit] = await sql<{ subject: string; role: string; entity_id: string }>(`select subject, role, entity_id from audit_entry where action = 'import' order by id desc limit 1`);
    expect(audit).toEqual({ subject: 'planner-test', role: 'planner', entity_id: '村数据.csv' });
  });

  it(`reports progress every ${PROGRESS_EVERY_ROWS} rows of a long file`, async () => {
    // Rows of villages the database lacks: read and checked in full, then nothing written.
    const rows = Array.from({ length: 2 * PROGRESS_EVERY_ROWS + 10 }, (_, i) => `1599${String(990000001 + i)},${YEAR},10,20,1,2,0.5`);
    const r = await post('/import/commit', csv(...rows), { options: { kind: 'figures' } });
    const progress = r.lines.filter((l) => l.type === 'progress');
    expect(progress.map((p) => p.rows)).toEqual([PROGRESS_EVERY_ROWS, 2 * PROGRESS_EVERY_ROWS, 2 * PROGRESS_EVERY_ROWS + 10]);
    expect(r.body).toMatchObject({ type: 'result', written: false });
  });
});

describe('who may import', () => {
  it('refuses without a token, and a viewer', async () => {
    const [a] = villages;
    const none = await post('/import/commit', csv(line(a!, 0)), { bearer: null });
    expect(none.status).toBe(401);
    const viewer = await post('/import/preview', csv(line(a!, 0)), { bearer: await token('viewer') });
    expect(viewer.status).toBe(403);
    expect(viewer.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(viewer.body.errors[0].message).toContain('planner');
    expect((await figuresOf(a!.code)).poor).not.toBe(0);
  });

  it("a county planner's rows outside the county write nothing", async () => {
    const [a, , c] = villages;
    const county = await token('planner', ['159901000000']);
    const before = await state();
    const r = await post('/import/commit', csv(line(a!, 1), line(c!, 1)), { bearer: county, options: { kind: 'figures' } });
    expect(r.body).toMatchObject({ type: 'result', written: false });
    expect(r.body.report.problems).toEqual([{ row: 3, field: '村代码', reason: expect.stringContaining('159902000000'), code: null, area: c!.code }]);
    expect(await state()).toBe(before);
  });
});

/** Sends `total` bytes (or keeps sending, when chunked) until the hub answers; the hub's answer. */
function oversized(o: { declare: boolean }): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const total = IMPORT_MAX_BYTES + 1;
    const req = http.request(`${server.url}/import/preview?name=big.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${planner}`, 'content-type': 'application/octet-stream', ...(o.declare ? { 'content-length': String(total) } : {}) },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', () => {}); // the hub closes the connection after its answer
    const chunk = Buffer.alloc(2 ** 20, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < total && !req.destroyed) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
      }
      if (sent >= total) req.end();
    };
    pump();
    setTimeout(() => reject(new Error('no answer to an oversized upload')), 30_000).unref();
  });
}

describe('size limit', () => {
  it('refuses a body declared larger than the limit, without reading it', async () => {
    const r = await oversized({ declare: true });
    expect(r.status).toBe(413);
    expect(r.body.errors[0]).toMatchObject({ extensions: { code: 'LIMIT_EXCEEDED' }, message: expect.stringContaining('50 MB') });
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const r = await oversized({ declare: false });
    expect(r.status).toBe(413);
    expect(r.body.errors[0].extensions.code).toBe('LIMIT_EXCEEDED');
  });
});

describe('templates', () => {
  it('lists a template of each kind, and a downloaded template previews as its kind', async () => {
    const list = (await (await fetch(`${server.url}/import/templates`)).json()) as Array<{ kind: string; name: string; files: Array<{ format: string; href: string }> }>;
    const figures = list.find((t) => t.kind === 'figures')!;
    expect(figures.files.map((f) => f.format)).toEqual(['xlsx', 'csv']);
    expect(list.find((t) => t.kind === 'counties')!.files.map((f) => f.format)).toContain('geojson');
    const csvFile = await fetch(`${server.url}${figures.files[1]!.href}`);
    expect(csvFile.status).toBe(200);
    expect(csvFile.headers.get('content-type')).toContain('text/csv');
    expect(csvFile.headers.get('content-disposition')).toMatch(/^attachment; filename="figures-__\.csv"; filename\*=UTF-8''figures-%E6%A8%A1%E6%9D%BF\.csv$/);
    const bytes = Buffer.from(await csvFile.arrayBuffer());
    const preview = await post('/import/preview', bytes, { name: 'figures-模板.csv' });
    expect(preview.body.detectedKind).toBe('figures');
    const xlsx = Buffer.from(await (await fetch(`${server.url}${figures.files[0]!.href}`)).arrayBuffer());
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const fromXlsx = await post('/import/preview', xlsx, { name: 'figures-模板.xlsx' });
    expect(fromXlsx.body).toMatchObject({ format: 'xlsx', detectedKind: 'figures' });
  });

  it('answers 404 with the names it knows for a template it does not have', async () => {
    for (const name of ['planets.csv', 'figures.geojson', 'figures.pdf']) {
      const r = await fetch(`${server.url}/import/template/${name}`);
      expect(r.status).toBe(404);
      expect(((await r.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toContain('/import/templates');
    }
  });
});
