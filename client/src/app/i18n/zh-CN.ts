/**
 * UI strings, Simplified Chinese (the default locale). `en.ts` must match this
 * shape; the map's part of it is `MapMessages` (map/messages.ts).
 */
import { layerNames } from '../../map/layers/registry';
import type { KpiKey } from '../../panels/KpiBar';
import type { ClassesNote, ClassificationMethod, ClassScope, IndustryType, Metric, PairingKind, PovertyStatus } from '../../graphql/documents';
import type { ViewParam } from '../../state/view-state';
import type { AreaLevel } from '../../map/classes';
import { assessmentZhCN } from '../../assessment/messages';
import { detailZhCN } from './detail.zh-CN';
import { exportZhCN } from './export.zh-CN';
import { causesZhCN } from '../../causes/messages';

const METHOD_ZH: Record<ClassificationMethod, string> = {
  POLICY: '政策分级',
  MANUAL: '自定义分级',
  QUANTILE: '分位数分级',
  EQUAL_INTERVAL: '等间距分级',
  JENKS: '自然断点分级',
};
const SCOPE_ZH: Record<ClassScope, string> = { ALL_YEARS: '各年统一分级', YEAR: '本年分级' };
const LEVEL_ZH: Record<AreaLevel, string> = { COUNTY: '旗县区', TOWNSHIP: '苏木乡镇' };
const METRIC_ZH: Record<Metric, string> = {
  POVERTY_INCIDENCE: '贫困发生率',
  POOR_POPULATION: '贫困人口',
  WEAK_VILLAGE_SHARE: '弱村占比',
  COLLECTIVE_INCOME_MEDIAN: '村集体经济收入中位数',
  SECRETARY_IS_DIRECTOR_SHARE: '书记主任一肩挑比例',
  SOFT_LAX_COUNT: '软弱涣散党组织数',
  CAUSE_SHARE: '致贫原因占比',
  ASSESSMENT_SCORE: '考核得分',
};

export const zhCN = {
  appTitle: '领雁 · 抓党建促脱贫攻坚数据平台',
  appShortTitle: '领雁',
  appSubtitle: (prefecture: string, metric: Metric) => `${prefecture} · 旗县${METRIC_ZH[metric]}`,
  yearLabel: '年份',
  languageLabel: '语言',
  /** the button that shows the title bar's folded tools on a phone or tablet */
  toolsLabel: '工具',
  metricNames: METRIC_ZH,
  causes: causesZhCN,
  methodNames: METHOD_ZH,
  /** the server's units ("%", "人", "万元", "个") as written in this language */
  unitNames: { '%': '%', 人: '人', 万元: '万元', 个: '个', 分: '分' } as Record<string, string>,
  legendTitle: (metric: Metric, unit: string) => `${METRIC_ZH[metric]} (${unit})`,
  legendSubtitle: (year: number, classes: number, method: ClassificationMethod) => `${year} 年 · ${classes} 级 · ${METHOD_ZH[method]}`,
  legendClass: (from: string, to: string, count: number) => `${from} – ${to}（${count} 个旗县区）`,
  scopeNames: SCOPE_ZH,
  levelNames: LEVEL_ZH,
  legendDescription: (d: { level: AreaLevel; year: number; classes: number; method: ClassificationMethod; scope: ClassScope }) =>
    `${d.year} 年 · 按${LEVEL_ZH[d.level]} · ${d.classes} 级 · ${METHOD_ZH[d.method]}` +
    (d.method === 'POLICY' || d.method === 'MANUAL' ? '（各年相同）' : `（${SCOPE_ZH[d.scope]}）`),
  legendClassesNote: (note: ClassesNote, made: number, requested: number) =>
    note === 'TIED_VALUES'
      ? `仅分为 ${made} 级（要求 ${requested} 级）：取值重复，相邻分级已合并`
      : `仅分为 ${made} 级（要求 ${requested} 级）：不同取值只有 ${made} 个`,
  classRange: (from: string, to: string) => `${from} – ${to}`,
  classAtLeast: (from: string) => `≥ ${from}`,
  classExactly: (value: string) => `= ${value}`,
  areaCount: (count: number, level: AreaLevel) => `（${count} 个${LEVEL_ZH[level]}）`,
  legendSelected: '当前选中',
  legendNoData: '无数据',
  legendThreshold: (value: string) => `退出线 ${value}%`,
  legendPolicyLine: (value: string, unit: string) => `政策线 ${value} ${unit}`,
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
  thematicTitle: '专题图',
  metricLabel: '指标',
  methodLabel: '分级方法',
  scopeLabel: '分级范围',
  breaksLabel: '分级界值',
  breaksHint: '各级之间的界值，从小到大，用逗号分隔，例如 1, 3, 5, 10, 20',
  breaksInvalid: '请填写 1 至 6 个从小到大的数值，用逗号分隔',
  classesLabel: '分级数',
  classesOption: (n: number) => `${n} 级`,
  yearPlay: '播放年份变化',
  yearPause: '暂停播放',
  filterHint: '取消勾选可隐藏该类',
  industryTypes: {
    LIVESTOCK: '畜牧养殖',
    DAIRY: '奶业',
    VEGETABLES: '蔬菜',
    POTATOES: '马铃薯',
    EDIBLE_FUNGI: '食用菌',
    PHOTOVOLTAIC: '光伏',
    PROCESSING: '农畜产品加工',
    RURAL_TOURISM: '乡村旅游',
    E_COMMERCE: '电子商务',
  } as Record<IndustryType, string>,
  projectSizeNote: '圆面积表示总投资',
  kpiTitle: (year: number) => `${year} 年全盟（市）概况`,
  kpi: {
    povertyIncidence: '贫困发生率',
    poorPopulation: '贫困人口',
    countiesBelowExitLine: '达到摘帽标准旗县',
    villagesExited: '已出列贫困村',
    weakVillages: '弱村',
    activePairings: '在帮结对',
    alliances: '联合党委',
    softLaxBranches: '软弱涣散党组织',
  } as Record<KpiKey, string>,
  kpiOf: (part: string, whole: string) => `${part} / ${whole}`,
  kpiNone: (year: number) => `${year} 年无汇总数据`,
  linkIgnored: (params: readonly ViewParam[]) => `链接中的参数 ${params.join('、')} 无效，已按默认显示`,
  dismiss: '关闭',
  shareButton: '分享 / 嵌入',
  shareTitle: '分享或嵌入当前地图',
  shareLink: '当前视图链接（打开即恢复相同年份、指标、图层、选中要素与视角）',
  shareIframe: '嵌入代码（iframe）',
  shareScript: '嵌入代码（脚本，可接收选中事件并控制年份）',
  shareSize: '尺寸',
  shareHeading: '标题',
  shareLegend: '显示图例',
  shareYear: '显示年份滑块',
  shareCopy: '复制',
  shareCopied: '已复制',
  shareClose: '关闭',
  shareNote: '嵌入的页面须在数据平台的 EMBED_ORIGINS 中登记；不允许匿名访问时，请在链接中加上分析人员签发的 token。',
  layersTitle: '图层',
  layersToggle: '图层',
  layerNames: layerNames('zh-CN'),
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
  townshipZoomNote: '放大地图后按苏木乡镇分级显示',
  countyKind: { BANNER: '旗', COUNTY: '县', DISTRICT: '区' } as Record<string, string>,
  loading: '正在加载数据…',
  loadError: (detail: string) => `数据加载失败：${detail}`,
  mapLabel: (metric: Metric) => `旗县${METRIC_ZH[metric]}地图`,
  /** Which county name the map labels show. */
  nameField: 'name' as 'name' | 'nameEn',
  numberLocale: 'zh-CN',
  detail: detailZhCN,
  assessment: assessmentZhCN,
  export: exportZhCN,
};

export type Messages = typeof zhCN;
