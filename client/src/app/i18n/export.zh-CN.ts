/** 导出与列表视图的界面文字（简体中文）；`export.en.ts` 须与此同形。 */
import { layerNames } from '../../map/layers/registry';
import type { ExportMessages, Paper } from '../../export/messages';
import { detailZhCN } from './detail.zh-CN';
import type { FeatureListMessages } from '../../panels/feature-list-entries';

/** The export menu (`menu`) and the feature list (`list`). */
export interface ExportStrings {
  menu: ExportMessages;
  list: FeatureListMessages;
}

/** The figures' names as the detail panel writes them (one wording on screen and in files). */
const d = detailZhCN;

export const exportZhCN: ExportStrings = {
  menu: {
    menuLabel: '导出',
    png: 'PNG 图片（当前地图）',
    csv: (layer: string, rows: number) => `CSV 表格 · ${layer}（${rows} 行）`,
    geojson: (features: number) => `GeoJSON · 所显示图层（${features} 个要素）`,
    importData: '导入数据（表格、边界）…',
    printRegion: (paper: Paper) => `打印 / PDF · 全盟（市）地图（${paper} 横向）`,
    printCounty: (county: string, paper: Paper) => `打印 / PDF · ${county}档案（${paper} 横向）`,
    working: '正在导出…',
    done: (fileName: string) => `已导出 ${fileName}`,
    failed: (detail: string) => `导出失败：${detail}`,
    fileBrand: '领雁',
    documentTitle: (prefecture: string, metric: string, year: number) => `${prefecture} ${year} 年${metric}`,
    schematicNote: '示意图，边界不作为权属依据',
    source: (date: string) => `数据来源：领雁数据平台 · 导出日期 ${date}`,
    kilometres: (value: string) => `${value} 公里`,
    metres: (value: string) => `${value} 米`,
    north: '北',
    layerNames: layerNames('zh-CN', 'inText'),
    columns: {
      counties: {
        year: '年份',
        code: '区划代码',
        name: '名称',
        nameEn: '英文名称',
        classNumber: '分级(1为最低)',
        classFrom: (metric: string) => `分级下限：${metric}`,
        classTo: (metric: string) => `分级上限：${metric}`,
        method: '分级方法',
        scope: '分级范围',
      },
      villages: {
        year: '年份',
        code: '区划代码',
        name: '名称',
        nameEn: '英文名称',
        townshipCode: '苏木乡镇代码',
        township: '苏木乡镇',
        longitude: '经度',
        latitude: '纬度',
        status: '贫困状态',
        strength: d.strength,
        branchRating: d.branchRating,
        secretaryIsDirector: d.secretaryIsDirector,
        softLax: d.softLax,
      },
      pairings: {
        year: '年份',
        id: '结对编号',
        kind: '结对类型',
        helper: '帮扶村代码',
        helperName: '帮扶方',
        helped: '受帮扶村代码',
        helpedName: '受帮扶村',
        distance: '距离(米)',
      },
      alliances: {
        year: '年份',
        id: '联合党委编号',
        name: '名称',
        foundedYear: '成立年份',
        centre: '中心村代码',
        members: '成员村数',
      },
    },
    metricColumn: (name: string, unit: string | null) => (unit ? `${name}(${unit})` : name),
    householdUnit: '户',
    figureNames: {
      ruralPopulation: d.ruralPopulation,
      households: '户数',
      poorPopulation: d.poorPopulation,
      poorHouseholds: d.poorHouseholds,
      povertyIncidence: d.povertyIncidence,
      villages: d.villageCount,
      weakVillages: d.weakVillages,
      strongVillages: d.strongVillages,
      softLaxCount: d.softLaxCount,
      collectiveIncomeMedian: d.collectiveIncomeMedian,
      collectiveIncome: d.collectiveIncome,
      secretaryIsDirectorShare: d.secretaryIsDirectorShare,
      partyMembers: d.partyMembers,
    },
    strengths: d.strengths,
    branchRatings: d.branchRatings,
    yes: d.yes,
    no: d.no,
    print: {
      previewLabel: '打印预览',
      print: '打印 / 存为 PDF',
      close: '关闭',
      loading: '正在准备打印页…',
      overlays: '图层符号',
      figuresOf: d.figuresOf,
      noFigures: d.noFigures,
      trend: (metric: string) => `${metric}历年变化`,
      ranking: (metric: string, year: number) => `${year} 年各旗县区${metric}排序`,
      rank: (rank: number, of: number) => `第 ${rank} 位（共 ${of} 个旗县区，由高到低）`,
      countyKinds: d.countyKinds,
      keyPoorCounty: d.keyPoorCounty,
      exitedIn: d.exitedIn,
    },
  },
  list: {
    toggle: '列表',
    title: '视图内的要素',
    hint: '↑ ↓ 移动，Enter 选中，Esc 关闭',
    summary: (counts) => `视图内：${counts.map((c) => `${c.name} ${c.count} 个`).join('，')}`,
    empty: '视图内没有要素',
    group: (name: string, count: number) => `${name}（${count}）`,
    more: (count: number) => `另有 ${count} 个未列出，请放大地图`,
    layerNames: layerNames('zh-CN'),
    members: (count: number) => `成员村 ${count} 个`,
    noData: '无数据',
  },
};
