/**
 * UI strings, Simplified Chinese (the default locale). `en.ts` must match this
 * shape; the map's part of it is `MapMessages` (map/messages.ts).
 */
import type { ClassificationMethod, PairingKind, PovertyStatus } from '../../graphql/documents';
import type { OverlayKey } from '../../map/layers/types';
import { exportZhCN } from './export.zh-CN';

const METHOD_ZH: Record<ClassificationMethod, string> = { QUANTILE: '分位数', EQUAL_INTERVAL: '等间距', JENKS: '自然断点' };

export const zhCN = {
  appTitle: '领雁 · 抓党建促脱贫攻坚数据平台',
  appShortTitle: '领雁',
  appSubtitle: (prefecture: string) => `${prefecture} · 旗县贫困发生率`,
  yearLabel: '年份',
  languageLabel: '语言',
  legendTitle: '贫困发生率 (%)',
  legendSubtitle: (year: number, classes: number, method: ClassificationMethod) =>
    `${year} 年 · ${classes} 级${METHOD_ZH[method]}分级`,
  legendClass: (from: string, to: string, count: number) => `${from} – ${to}（${count} 个旗县区）`,
  legendNoData: '无数据',
  legendThreshold: (value: string) => `退出线 ${value}%`,
  legendThresholdNote: (value: string) => `旗县贫困发生率低于 ${value}% 可申请脱贫摘帽`,
  legendAllBelow: (value: string) => `本年所有旗县区均已低于退出线 ${value}%`,
  legendAllAbove: (value: string) => `本年所有旗县区均未低于退出线 ${value}%`,
  tooltipIncidence: '贫困发生率',
  tooltipPoorPopulation: '贫困人口',
  tooltipRuralPopulation: '农村人口',
  tooltipPersons: (n: string) => `${n} 人`,
  tooltipBelowThreshold: '已低于退出线',
  tooltipAboveThreshold: '未达退出线',
  tooltipNoData: '无数据',
  layersTitle: '图层',
  layerNames: { pairings: '结对帮扶', villages: '嘎查村', alliances: '联合党委', townships: '苏木乡镇' } as Record<OverlayKey, string>,
  layerLoading: '正在加载…',
  pairingKinds: {
    STRONG_HELPS_WEAK: '强村带弱村',
    CENTRE_RADIATES: '中心村辐射',
    ENTERPRISE_VILLAGE: '村企结对',
  } as Record<PairingKind, string>,
  legendCount: (label: string, count: number) => `${label}（${count}）`,
  pairingDirectionNote: '箭头由帮扶方指向受帮扶村',
  pairingsWithoutLine: (count: number) => `另有 ${count} 个结对的帮扶企业无所在村，未绘线`,
  villageStatuses: { POOR: '贫困村', EXITED: '已出列贫困村', NEVER_POOR: '非贫困村' } as Record<PovertyStatus, string>,
  villageNoFigures: '本年无数据',
  villageStrong: '强村（深蓝外圈）',
  villageWeak: '弱村（橙色外圈）',
  villageSizeNote: '圆面积表示农村人口',
  allianceFootprint: '联合党委覆盖范围',
  allianceSpoke: '中心村—成员村',
  allianceCentre: '中心村（领雁）',
  allianceFoundedNote: (shown: number, total: number) => `本年已成立 ${shown} 个，共 ${total} 个`,
  townshipClass: (from: string, to: string) => `${from} – ${to}%`,
  townshipZoomNote: '放大地图后按苏木乡镇分级显示',
  countyKind: { BANNER: '旗', COUNTY: '县', DISTRICT: '区' } as Record<string, string>,
  loading: '正在加载数据…',
  loadError: (detail: string) => `数据加载失败：${detail}`,
  mapLabel: '旗县贫困发生率地图',
  /** Which county name the map labels show. */
  nameField: 'name' as 'name' | 'nameEn',
  numberLocale: 'zh-CN',
  export: exportZhCN,
};

export type Messages = typeof zhCN;
