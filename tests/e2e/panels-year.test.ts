/**
 * Panels that follow the year, in real Chromium against the real server
 * (embedded database, demo region), examples found through the API:
 *
 * - a village's panel in a year before its alliance was founded marks the
 *   alliance and its projects not started yet (muted, saying so), and in a
 *   later year shows them running; every link it lists (alliance, projects,
 *   pairings, assisting units, work teams) is marked by the same rule as the
 *   API's years;
 * - a project's panel says 未开工 / 实施中 / 已结束 by year (never the pairings'
 *   在帮), in English too;
 * - a project selected with the projects overlay off is marked on the map
 *   (the mark's own layer), in a colour no data layer uses;
 * - a selected village and township are framed clear of every panel;
 * - Back and Forward walk county → township → village and back, the panel and
 *   the map's mark following; a pan is no history entry; Back from the first
 *   selection stays in the atlas.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import { waitForMapReady } from './helpers/atlas-page';
import { PANEL, searchFor, waitForPanel } from './helpers/detail-page';
import { graphqlRequest } from './helpers/graphql';
import {
  MARK_LAYER_IDS,
  framings,
  mapRect,
  paintColors,
  panelRects,
  periodRows,
  renderedMarks,
  screenPoint,
  waitForFraming,
  waitForMark,
  type ScreenRect,
} from './helpers/selection-page';
import { ARTIFACTS, openBrowserSession, type BrowserSession } from './helpers/session';

type Period = 'future' | 'current' | 'ended';
/** A span against a year, as the API's activeIn reads it (both years included). */
function periodIn(year: number, start: number, end: number | null): Period {
  if (start > year) return 'future';
  if (end != null && end < year) return 'ended';
  return 'current';
}

interface Span {
  startYear: number;
  endYear: number | null;
}
interface VillageLinks {
  code: string;
  name: string;
  alliance: { id: number; name: string; foundedYear: number } | null;
  industryProjects: Array<{ id: number; name: string } & Span>;
  assignments: Array<{ id: number } & Span>;
  workTeams: Array<{ id: number } & Span>;
  pairingsReceived: Array<{ id: number } & Span>;
  pairingsGiven: Array<{ id: number } & Span>;
}
const VILLAGE_LINKS = `query ($code: String!) {
  village(code: $code) {
    code name
    alliance { id name foundedYear }
    industryProjects { id name startYear endYear }
    assignments { id startYear endYear }
    workTeams { id startYear endYear }
    pairingsReceived { id startYear endYear }
    pairingsGiven { id startYear endYear }
  }
}`;
interface AllianceMembers {
  alliances: { items: Array<{ id: number; foundedYear: number; members: Array<{ code: string; industryProjects: Array<{ id: number } & Span> }> }> };
}
const ALLIANCE_MEMBERS = `{ alliances(limit: 500) { items { id foundedYear members { code industryProjects { id startYear endYear } } } } }`;
interface Projects {
  industryProjects: { items: Array<{ id: number; name: string; location: { coordinates: [number, number] } } & Span> };
}
const PROJECTS = `{ industryProjects(limit: 500) { items { id name startYear endYear location } } }`;
interface Drill {
  counties: Array<{ code: string; name: string; townships: Array<{ code: string; name: string; villages: Array<{ code: string; name: string; location: { coordinates: [number, number] } }> }> }>;
}
const DRILL = `{ counties { code name townships { code name villages { code name location } } } }`;

/** The page's year control: the button of `year`. */
async function chooseYear(page: Page, year: number): Promise<void> {
  await page.getByTestId('year-control').getByRole('button', { name: String(year), exact: true }).click();
  await page.locator(`${PANEL}[data-year="${year}"]`).waitFor({ state: 'visible' });
}

/** Waits until the open panel's list rows are those of `year` (its answer for the year is in). */
async function waitForYear(page: Page, year: number): Promise<void> {
  await page.locator(`${PANEL}[data-year="${year}"]`).waitFor({ state: 'visible' });
}

/** Rectangles overlap (touching edges do not). */
function overlaps(a: { left: number; top: number; right: number; bottom: number }, b: ScreenRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

describe('panels that follow the year', () => {
  let session: BrowserSession;
  let server: TestServer;
  let page: Page;
  let years: number[];

  beforeAll(async () => {
    session = await openBrowserSession({ width: 1280, height: 800 });
    ({ server, page } = session);
    years = [...(await graphqlRequest<{ prefecture: { years: number[] } }>(server.url, '{ prefecture { years } }')).prefecture.years].sort((a, b) => a - b);
  }, 180_000);

  afterAll(() => session?.close());

  it('marks a village\'s alliance and projects that do not exist yet in the year, and shows them running later', async () => {
    // A member village of an alliance founded after the first year, with a project starting after the year before that founding.
    const { alliances } = await graphqlRequest<AllianceMembers>(server.url, ALLIANCE_MEMBERS);
    const first = years[0]!;
    const last = years[years.length - 1]!;
    const candidates = alliances.items.flatMap((a) =>
      a.members.flatMap((m) =>
        m.industryProjects
          .filter((p) => p.startYear >= a.foundedYear && p.startYear <= last && (p.endYear == null || p.endYear >= p.startYear))
          .map((p) => ({ alliance: a, village: m.code, project: p })),
      ),
    );
    const example = candidates.find((c) => c.alliance.foundedYear - 1 >= first && years.includes(c.alliance.foundedYear - 1) && years.includes(c.project.startYear));
    expect(example, 'the demo region has a village whose alliance and project both begin after a year with figures').toBeDefined();
    const before = example!.alliance.foundedYear - 1;
    const later = example!.project.startYear;
    const { village } = await graphqlRequest<{ village: VillageLinks }>(server.url, VILLAGE_LINKS, { code: example!.village });
    console.info(`[panels-year] ${village.name}: alliance founded ${village.alliance!.foundedYear}, project ${example!.project.id} from ${later}; years ${before} and ${later}`);

    await page.goto(new URL(`/?year=${before}&sel=village:${village.code}`, server.url).href);
    await waitForMapReady(page);
    let panel = await waitForPanel(page, 'village', village.code, village.name);
    await waitForYear(page, before);

    // The alliance: muted, "not founded yet · founded <year>".
    const alliance = (await periodRows(panel.getByTestId('detail-alliance')))[0]!;
    expect(alliance).toMatchObject({ period: 'future', kind: 'alliance', id: String(village.alliance!.id) });
    expect(alliance.text).toContain('尚未成立');
    expect(alliance.text).toContain(`${village.alliance!.foundedYear} 年成立`);
    expect(await panel.getByTestId('detail-alliance').locator('p.inactive').count()).toBe(1);

    // Every link it lists, marked by the API's years; the project of the example among those not started.
    const expectRows = async (year: number) => {
      const projects = await periodRows(panel.getByTestId('detail-projects'));
      expect(projects.map((r) => `${r.id}:${r.period}`).sort()).toEqual(village.industryProjects.map((p) => `${p.id}:${periodIn(year, p.startYear, p.endYear)}`).sort());
      for (const row of projects) {
        expect(row.text).toContain({ future: '未开工', current: '实施中', ended: '已结束' }[row.period as Period]);
        expect(row.text).not.toContain('在帮');
      }
      const units = await periodRows(panel.getByTestId('detail-units'));
      expect(units.map((r) => r.period).sort()).toEqual(village.assignments.map((a) => periodIn(year, a.startYear, a.endYear)).sort());
      const teams = await periodRows(panel.getByTestId('detail-work-teams'));
      expect(teams.map((r) => r.period).sort()).toEqual(village.workTeams.map((w) => periodIn(year, w.startYear, w.endYear)).sort());
      // Pairings: the year's are who helps it and whom it helps; the others listed apart, muted.
      const pairings = [...village.pairingsReceived, ...village.pairingsGiven];
      const notRunning = pairings.filter((p) => periodIn(year, p.startYear, p.endYear) !== 'current');
      const others = panel.getByTestId('detail-other-pairings');
      if (notRunning.length === 0) expect(await others.count()).toBe(0);
      else expect((await periodRows(others)).map((r) => r.period).sort()).toEqual(notRunning.map((p) => periodIn(year, p.startYear, p.endYear)).sort());
      // Running rows first in each list.
      for (const rows of [projects, units, teams]) {
        const order = rows.map((r) => ({ current: 0, future: 1, ended: 2 })[r.period as Period]);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      return projects;
    };
    const projectsBefore = await expectRows(before);
    expect(projectsBefore.find((r) => r.id === String(example!.project.id))!.period).toBe('future');
    expect(projectsBefore.find((r) => r.id === String(example!.project.id))!.text).toContain('未开工');
    await page.screenshot({ path: resolve(ARTIFACTS, 'panels-year-village-before.png') });

    // A later year: the alliance runs (its row no longer muted), and so does the project.
    await chooseYear(page, later);
    panel = page.locator(`${PANEL}[data-kind="village"][data-id="${village.code}"]`);
    await panel.getByTestId('detail-projects').locator(`[data-period="current"] [data-kind="project"][data-id="${example!.project.id}"]`).waitFor({ state: 'visible' });
    const allianceLater = (await periodRows(panel.getByTestId('detail-alliance')))[0]!;
    expect(allianceLater.period).toBe('current');
    expect(allianceLater.text).not.toContain('尚未成立');
    expect(await panel.getByTestId('detail-alliance').locator('p.inactive').count()).toBe(0);
    const projectsLater = await expectRows(later);
    expect(projectsLater.find((r) => r.id === String(example!.project.id))!.text).toContain('实施中');
  }, 90_000);

  it('says 未开工, 实施中 and 已结束 on a project\'s panel by year, never the pairings\' 在帮, and in English too', async () => {
    const { industryProjects } = await graphqlRequest<Projects>(server.url, PROJECTS);
    const project = industryProjects.items.find((p) => p.endYear != null && years.includes(p.startYear - 1) && years.includes(p.endYear + 1));
    expect(project, 'the demo region has a project that starts and ends within the years with figures').toBeDefined();
    const { id, name, startYear, endYear } = project!;

    await page.goto(new URL(`/?year=${startYear - 1}&sel=project:${id}`, server.url).href);
    await waitForMapReady(page);
    const panel = await waitForPanel(page, 'project', String(id), name);
    const state = panel.getByTestId('detail-state');
    const expectState = async (year: number, period: Period, text: string) => {
      await page.locator(`${PANEL}[data-year="${year}"] [data-testid="detail-state"][data-period="${period}"]`).waitFor({ state: 'visible' });
      expect(await state.textContent()).toBe(text);
      expect(await panel.textContent()).not.toContain('在帮');
    };
    await expectState(startYear - 1, 'future', `${startYear - 1} 年未开工`);
    await chooseYear(page, startYear);
    await expectState(startYear, 'current', `${startYear} 年实施中`);
    await chooseYear(page, endYear! + 1);
    await expectState(endYear! + 1, 'ended', `${endYear! + 1} 年已结束`);

    await page.goto(new URL(`/?year=${startYear - 1}&sel=project:${id}&lang=en`, server.url).href);
    await waitForMapReady(page);
    await page.locator(`${PANEL}[data-kind="project"][data-id="${id}"] [data-testid="detail-state"][data-period="future"]`).waitFor({ state: 'visible' });
    expect(await page.locator(PANEL).getByTestId('detail-state').textContent()).toBe(`Not started in ${startYear - 1}`);
  }, 90_000);

  it('marks a project selected with the projects overlay off, in a colour no data layer draws with', async () => {
    const { industryProjects } = await graphqlRequest<Projects>(server.url, PROJECTS);
    const last = years[years.length - 1]!;
    const project = industryProjects.items.find((p) => periodIn(last, p.startYear, p.endYear) === 'current')!;
    await page.goto(new URL(`/?year=${last}&layers=villages,townships&sel=project:${project.id}`, server.url).href);
    await waitForMapReady(page);
    await waitForPanel(page, 'project', String(project.id), project.name);
    // A new page counts its flights from 0: the first is to the link's project.
    await waitForFraming(page, 0);
    // The overlay is off: its circles are hidden, the mark is drawn all the same.
    expect(await page.evaluate(() => (window as unknown as { __lingyan: { map: { getLayoutProperty(l: string, n: string): unknown } } }).__lingyan.map.getLayoutProperty('project-circle', 'visibility'))).toBe('none');
    await waitForMark(page, `project:${project.id}`);
    expect(await renderedMarks(page)).toEqual([`project:${project.id}`]);
    await page.screenshot({ path: resolve(ARTIFACTS, 'panels-year-project-mark.png') });
    // The mark sits where the project is, inside the map.
    const point = await screenPoint(page, project.location.coordinates);
    const map = await mapRect(page);
    expect(point.x).toBeGreaterThan(map.left);
    expect(point.x).toBeLessThan(map.right);
    // Its cyan is no data layer's colour (cartography rule 8).
    const others = await paintColors(page, MARK_LAYER_IDS);
    expect(others.length).toBeGreaterThan(5);
    expect(others).not.toContain('#00e5ff');

    // Closing the panel takes the mark away.
    await page.keyboard.press('Escape');
    await page.locator(PANEL).waitFor({ state: 'detached' });
    await waitForMark(page, null);
  }, 90_000);

  it('frames a selected village and township clear of every panel, in a wide and a narrow window', async () => {
    const { counties } = await graphqlRequest<Drill>(server.url, DRILL);
    const county = counties.find((c) => c.townships.some((t) => t.villages.length > 0))!;
    const township = county.townships.find((t) => t.villages.length > 0)!;
    const village = township.villages[0]!;
    const { township: outline } = await graphqlRequest<{ township: { boundary: { coordinates: unknown } } }>(
      server.url,
      'query ($code: String!) { township(code: $code) { boundary } }',
      { code: township.code },
    );
    const lngLats: Array<[number, number]> = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v) && typeof v[0] === 'number') lngLats.push([v[0] as number, v[1] as number]);
      else if (Array.isArray(v)) v.forEach(visit);
    };
    visit(outline.boundary.coordinates);
    const [west, south, east, north] = [
      Math.min(...lngLats.map((p) => p[0])),
      Math.min(...lngLats.map((p) => p[1])),
      Math.max(...lngLats.map((p) => p[0])),
      Math.max(...lngLats.map((p) => p[1])),
    ];

    for (const viewport of [{ width: 1280, height: 800 }, { width: 1024, height: 720 }]) {
      await page.setViewportSize(viewport);
      await page.goto(new URL('/', server.url).href);
      await waitForMapReady(page);

      let before = await framings(page);
      await (await searchFor(page, village.name, village.code)).click();
      await waitForPanel(page, 'village', village.code, village.name);
      await waitForFraming(page, before);
      await waitForMark(page, `village:${village.code}`);
      const point = await screenPoint(page, village.location.coordinates);
      const panels = await panelRects(page);
      expect(panels.map((p) => p.selector)).toEqual(expect.arrayContaining(['[data-testid="detail-panel"]', '[data-testid="layer-panel"]', '[data-testid="legend"]']));
      for (const panel of panels) {
        const inside = point.x >= panel.left && point.x <= panel.right && point.y >= panel.top && point.y <= panel.bottom;
        expect(inside, `${viewport.width}×${viewport.height}: village at ${point.x.toFixed(0)},${point.y.toFixed(0)} under ${panel.selector}`).toBe(false);
      }

      // A township: its whole extent is clear of the panels.
      before = await framings(page);
      await page.locator(PANEL).locator(`.detail-trail [data-kind="township"][data-id="${township.code}"]`).click();
      await waitForPanel(page, 'township', township.code, township.name);
      await waitForFraming(page, before);
      const [sw, ne] = [await screenPoint(page, [west, south]), await screenPoint(page, [east, north])];
      const extent = { left: Math.min(sw.x, ne.x), top: Math.min(sw.y, ne.y), right: Math.max(sw.x, ne.x), bottom: Math.max(sw.y, ne.y) };
      // Before the checks, so that a failure leaves its picture.
      await page.screenshot({ path: resolve(ARTIFACTS, `panels-year-framed-${viewport.width}.png`) });
      for (const panel of await panelRects(page)) {
        expect(overlaps(extent, panel), `${viewport.width}×${viewport.height}: township extent ${JSON.stringify(extent)} under ${panel.selector} ${JSON.stringify(panel)}`).toBe(false);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 120_000);

  it('steps back and forward through county → township → village with Back and Forward; a pan is no history entry', async () => {
    const { counties } = await graphqlRequest<Drill>(server.url, DRILL);
    const county = counties.find((c) => c.townships.some((t) => t.villages.length > 0))!;
    const township = county.townships.find((t) => t.villages.length > 0)!;
    const village = township.villages[township.villages.length - 1]!;
    const origin = new URL(server.url).origin;

    await page.goto(new URL('/', server.url).href);
    await waitForMapReady(page);
    const start = await page.evaluate(() => history.length);

    await (await searchFor(page, county.name, county.code)).click();
    await waitForPanel(page, 'county', county.code, county.name);
    await page.locator(PANEL).getByTestId('detail-townships').locator(`[data-kind="township"][data-id="${township.code}"]`).click();
    await waitForPanel(page, 'township', township.code, township.name);
    await page.locator(PANEL).getByTestId('detail-villages').locator(`[data-kind="village"][data-id="${village.code}"]`).click();
    await waitForPanel(page, 'village', village.code, village.name);
    await waitForMark(page, `village:${village.code}`);
    expect(await page.evaluate(() => history.length)).toBe(start + 3);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(`village:${village.code}`);

    // A pan rewrites the link's camera in place: no new entry.
    const at = new URL(page.url()).searchParams.get('at');
    await page.evaluate(() => (window as unknown as { __lingyan: { map: { panBy(o: [number, number], opt: { duration: number }): void } } }).__lingyan.map.panBy([120, 60], { duration: 0 }));
    await page.waitForFunction((previous) => new URLSearchParams(location.search).get('at') !== previous, at);
    expect(await page.evaluate(() => history.length)).toBe(start + 3);

    const expectStep = async (kind: string, code: string, name: string) => {
      await waitForPanel(page, kind, code, name);
      expect(new URL(page.url()).searchParams.get('sel')).toBe(`${kind}:${code}`);
      await waitForMark(page, `${kind}:${code}`);
    };
    await page.goBack({ waitUntil: 'commit' });
    await expectStep('township', township.code, township.name);
    await page.goBack({ waitUntil: 'commit' });
    await expectStep('county', county.code, county.name);
    // Back from the first selection: the atlas without a panel, not the page before it.
    await page.goBack({ waitUntil: 'commit' });
    await page.locator(PANEL).waitFor({ state: 'detached' });
    expect(new URL(page.url()).origin).toBe(origin);
    expect(new URL(page.url()).searchParams.get('sel')).toBeNull();
    await waitForMark(page, null);

    await page.goForward({ waitUntil: 'commit' });
    await expectStep('county', county.code, county.name);
    await page.goForward({ waitUntil: 'commit' });
    await expectStep('township', township.code, township.name);
    await page.goForward({ waitUntil: 'commit' });
    await expectStep('village', village.code, village.name);
    expect(await page.evaluate(() => history.length)).toBe(start + 3);
  }, 120_000);

  it('made no request outside the machine and logged no error', () => {
    expect(session.offline.external).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
