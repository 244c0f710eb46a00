/** A township's reported figures for a year (苏木乡镇报送数据; one row per township and year). */
import { CODE } from './shared-columns.js';
import { reportedFiguresKind } from './reported-figures.js';

export const townshipFigures = reportedFiguresKind('township-figures', 'township', ['苏木乡镇代码', '乡镇代码', ...CODE, 'townshipCode']);
