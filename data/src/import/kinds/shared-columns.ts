/** Default headers used by more than one kind. Matching ignores case, spaces, '_' and '-'. */
export const CODE = ['代码', '区划代码', '统计用区划代码', '行政区划代码', '编码', 'XZQDM', 'code', 'adcode'];
export const NAME = ['名称', '名字', 'XZQMC', 'name'];
export const NAME_EN = ['英文名称', '英文名', '拼音', 'nameEn', 'name_en', 'englishName'];
export const KIND = ['类型', '类别', 'kind', 'type'];
export const LON = ['经度', 'lon', 'lng', 'longitude', 'x'];
export const LAT = ['纬度', 'lat', 'latitude', 'y'];
export const YEAR = ['年份', '年度', 'year'];
export const START_YEAR = ['开始年份', '起始年份', '开始年度', 'start', 'startYear'];
export const END_YEAR = ['结束年份', '终止年份', '结束年度', 'end', 'endYear'];
/** A village's own code, in kinds where the row is about something else (a project, an assignment). */
export const VILLAGE_CODE = ['村代码', '嘎查村代码', '所在村代码', 'villageCode', 'village'];
