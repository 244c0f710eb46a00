/** 导出与列表视图的界面文字（简体中文）；`export.en.ts` 须与此同形。 */
import type { ExportMessages } from '../../export/messages';
import type { FeatureListMessages } from '../../panels/feature-list-entries';

/** The export menu (`menu`) and the feature list (`list`). */
export interface ExportStrings {
  menu: ExportMessages;
  list: FeatureListMessages;
}

export const exportZhCN: ExportStrings = {
  menu: {
    menuLabel: '导出',
    png: 'PNG 图片（当前地图）',
    csv: (layer: string, rows: number) => `CSV 表格 · ${layer}（${rows} 行）`,
    geojson: (features: number) => `GeoJSON · 所显示图层（${features} 个要素）`,
    working: '正在导出…',
    done: (fileName: string) => `已导出 ${fileName}`,
    failed: (detail: string) => `导出失败：${detail}`,
    fileBrand: '领雁',
    pngSubtitle: (prefecture: string, metric: string, year: number) => `${prefecture} · ${metric} · ${year} 年`,
    source: (date: string) => `数据来源：领雁数据平台 · ${date}`,
    layerNames: { counties: '旗县区', villages: '嘎查村', pairings: '结对帮扶', alliances: '联合党委' },
    columns: {
      counties: {
        year: '年份',
        code: '区划代码',
        name: '名称',
        nameEn: '英文名称',
        incidence: '贫困发生率(%)',
        poorPopulation: '贫困人口(人)',
        ruralPopulation: '农村人口(人)',
        classNumber: '分级(1为最低)',
        classFrom: '分级下限(%)',
        classTo: '分级上限(%)',
      },
      villages: {
        year: '年份',
        code: '区划代码',
        name: '名称',
        nameEn: '英文名称',
        status: '贫困状态',
        strength: '强弱',
        population: '农村人口(人)',
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
    strengths: { STRONG: '强村', MIDDLE: '一般村', WEAK: '弱村' },
  },
  list: {
    toggle: '列表',
    title: '视图内的要素',
    hint: '↑ ↓ 移动，Enter 选中，Esc 关闭',
    summary: (counts) => `视图内：${counts.map((c) => `${c.name} ${c.count} 个`).join('，')}`,
    empty: '视图内没有要素',
    group: (name: string, count: number) => `${name}（${count}）`,
    more: (count: number) => `另有 ${count} 个未列出，请放大地图`,
    layerNames: { counties: '旗县区', townships: '苏木乡镇', villages: '嘎查村', alliances: '联合党委', pairings: '结对帮扶', projects: '产业项目' },
    members: (count: number) => `成员村 ${count} 个`,
    noData: '无数据',
  },
};
