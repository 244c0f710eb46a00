/**
 * The big screen's own strings, in both languages. Metric names, KPI labels
 * and the legend's words come from the app's tables (app/i18n), which the
 * screen shares with the atlas.
 */
import type { Locale } from '../app/i18n';
import type { RotationProblem, RotationSource } from './rotation';

export interface ScreenMessages {
  /** the heading: the prefecture, the metric and the year shown */
  title(prefecture: string, metric: string, year: number): string;
  /** the ranked bars' heading */
  rankingTitle(metric: string, unit: string): string;
  rankingNote: string;
  /** the side column beside the map */
  sideLabel: string;
  /** one bar, as a screen reader says it */
  barLabel(rank: number, county: string, value: string, focused: boolean): string;
  /** the mark of the counties a view focuses on (legend and bars) */
  focusKey: string;
  /** counties beyond what the bars can show */
  moreCounties(count: number): string;
  /** a view's name in the rotation */
  viewName(year: number | null, metric: string): string;
  rotationLabel: string;
  viewOf(index: number, count: number): string;
  /** said to screen readers when a view comes on */
  nowShowing(index: number, count: number, view: string): string;
  paused: string;
  previous: string;
  next: string;
  pause: string;
  resume: string;
  /** the operator's keys */
  keys: string;
  problem(problem: RotationProblem): string;
  /** a view's year that has no figures: the latest is shown */
  yearWithoutFigures(year: number, shown: number): string;
  /** a view's focus code that is no county of the region */
  unknownCounty(code: string): string;
  /** the policy bands asked for a metric that has none */
  noPolicyBands(metric: string): string;
}

const SOURCE_ZH: Record<RotationSource, string> = { link: '链接参数', hub: '平台配置' };
const VIEWS_NAME: Record<RotationSource, string> = { link: 'views', hub: 'SCREEN_VIEWS' };
const INTERVAL_NAME: Record<RotationSource, string> = { link: 'interval', hub: 'SCREEN_INTERVAL' };

const zhCN: ScreenMessages = {
  title: (prefecture, metric, year) => `${prefecture} · ${metric} · ${year} 年`,
  rankingTitle: (metric, unit) => `旗县区排名 · ${metric}（${unit}）`,
  rankingNote: '按数值从高到低；颜色即地图分级',
  sideLabel: '旗县区排名',
  barLabel: (rank, county, value, focused) => `第 ${rank} 名 ${county}：${value}${focused ? '（重点关注）' : ''}`,
  focusKey: '重点关注旗县区',
  moreCounties: (count) => `另有 ${count} 个旗县区未列出`,
  viewName: (year, metric) => `${year == null ? '最新年份' : `${year} 年`} · ${metric}`,
  rotationLabel: '轮播视图',
  viewOf: (index, count) => `视图 ${index} / ${count}`,
  nowShowing: (index, count, view) => `正在显示视图 ${index} / ${count}：${view}`,
  paused: '已暂停',
  previous: '上一个视图',
  next: '下一个视图',
  pause: '暂停轮播',
  resume: '继续轮播',
  keys: '空格 暂停 / 继续 · ← → 切换视图',
  problem: (p) => {
    const where = `${SOURCE_ZH[p.source]} ${p.kind === 'interval' ? INTERVAL_NAME[p.source] : VIEWS_NAME[p.source]}`;
    switch (p.kind) {
      case 'unknown':
        return `${where} 第 ${p.item} 项中的“${p.part}”无法识别（应为年份、latest、指标、分级方法、分级范围、分级数或 12 位旗县区代码），已忽略`;
      case 'repeated':
        return `${where} 第 ${p.item} 项中的“${p.part}”与同项的参数重复，已忽略`;
      case 'manual':
        return `${where} 第 ${p.item} 项：自定义分级需要界值，轮播视图不支持，已按该指标的默认分级显示`;
      case 'empty':
        return `${where} 第 ${p.item} 项为空，已忽略`;
      case 'too-many':
        return `${where} 共 ${p.count} 个视图，只轮播前 24 个`;
      case 'interval':
        return `${where} 的值“${p.value}”无效：应为 2 至 3600 之间的整数秒`;
    }
  },
  yearWithoutFigures: (year, shown) => `${year} 年无数据，显示 ${shown} 年`,
  unknownCounty: (code) => `${code} 不是本地区的旗县区代码，未予突出显示`,
  noPolicyBands: (metric) => `${metric}没有政策分级，已按其默认分级显示`,
};

const en: ScreenMessages = {
  title: (prefecture, metric, year) => `${prefecture} · ${metric} · ${year}`,
  rankingTitle: (metric, unit) => `Counties ranked · ${metric} (${unit})`,
  rankingNote: "Highest first; colours are the map's classes",
  sideLabel: 'Counties ranked',
  barLabel: (rank, county, value, focused) => `No. ${rank}, ${county}: ${value}${focused ? ' (in focus)' : ''}`,
  focusKey: 'Counties in focus',
  moreCounties: (count) => `${count} more counties not listed`,
  viewName: (year, metric) => `${year == null ? 'Latest year' : year} · ${metric}`,
  rotationLabel: 'Views in rotation',
  viewOf: (index, count) => `View ${index} of ${count}`,
  nowShowing: (index, count, view) => `Showing view ${index} of ${count}: ${view}`,
  paused: 'Paused',
  previous: 'Previous view',
  next: 'Next view',
  pause: 'Pause the rotation',
  resume: 'Resume the rotation',
  keys: 'Space pause / resume · ← → previous / next view',
  problem: (p) => {
    const where = `${p.source === 'link' ? 'Link parameter' : 'Hub setting'} ${p.kind === 'interval' ? INTERVAL_NAME[p.source] : VIEWS_NAME[p.source]}`;
    switch (p.kind) {
      case 'unknown':
        return `${where}, view ${p.item}: "${p.part}" is not a year, latest, metric, method, scope, number of classes or 12-digit county code; ignored`;
      case 'repeated':
        return `${where}, view ${p.item}: "${p.part}" repeats a parameter of the same view; ignored`;
      case 'manual':
        return `${where}, view ${p.item}: custom breaks need their bounds, which a view in rotation cannot carry; the metric's own classes are shown`;
      case 'empty':
        return `${where}, view ${p.item} is empty; ignored`;
      case 'too-many':
        return `${where} has ${p.count} views; only the first 24 rotate`;
      case 'interval':
        return `${where}: "${p.value}" is not valid; expected whole seconds from 2 to 3600`;
    }
  },
  yearWithoutFigures: (year, shown) => `No figures for ${year}; ${shown} is shown`,
  unknownCounty: (code) => `${code} is not a county of this region; not marked`,
  noPolicyBands: (metric) => `${metric} has no policy bands; its own classes are shown`,
};

export function screenMessages(locale: Locale): ScreenMessages {
  return locale === 'en' ? en : zhCN;
}
