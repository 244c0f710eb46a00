/**
 * Default headers used by more than one kind, with the variants bureaus'
 * sheets use. Matching ignores case, spaces, '_', '-', brackets and a unit
 * in the header (集体经济收入（万元） is 集体经济收入).
 */
export const CODE = ['代码', '区划代码', '统计用区划代码', '行政区划代码', '区划编码', '行政区划编码', '行政代码', '编码', 'XZQDM', 'code', 'adcode'];
export const NAME = ['名称', '名字', '区划名称', '行政区划名称', '地区名称', 'XZQMC', 'name'];
export const NAME_EN = ['英文名称', '英文名', '拼音', 'nameEn', 'name_en', 'englishName'];
export const KIND = ['类型', '类别', 'kind', 'type'];
export const LON = ['经度', '东经', 'lon', 'lng', 'longitude', 'x'];
export const LAT = ['纬度', '北纬', 'lat', 'latitude', 'y'];
export const YEAR = ['年份', '年度', '统计年度', '统计年份', '数据年份', '年', 'year'];
export const START_YEAR = ['开始年份', '起始年份', '开始年度', '起始年度', 'start', 'startYear'];
export const END_YEAR = ['结束年份', '终止年份', '结束年度', '截止年份', 'end', 'endYear'];
/** A village's own code, in kinds where the row is about something else (a project, an assignment). */
export const VILLAGE_CODE = ['村代码', '嘎查村代码', '行政村代码', '村级代码', '嘎查村区划代码', '村区划代码', '所在村代码', 'villageCode', 'village'];
/** A village's name beside its code: not stored from these kinds, but it names the row in the report. */
export const VILLAGE_NAME = ['嘎查村名称', '嘎查村', '嘎查村名', '村名', '村名称', '行政村', '行政村名称', '所在村', 'villageName'];
