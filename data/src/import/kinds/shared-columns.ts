/** Default headers used by more than one kind. Matching ignores case, spaces, '_' and '-'. */
export const CODE = ['代码', '区划代码', '统计用区划代码', '行政区划代码', '编码', 'XZQDM', 'code', 'adcode'];
export const NAME = ['名称', '名字', 'XZQMC', 'name'];
export const NAME_EN = ['英文名称', '英文名', '拼音', 'nameEn', 'name_en', 'englishName'];
export const KIND = ['类型', '类别', 'kind', 'type'];
export const LON = ['经度', 'lon', 'lng', 'longitude', 'x'];
export const LAT = ['纬度', 'lat', 'latitude', 'y'];
export const YEAR = ['年份', '年度', 'year'];
