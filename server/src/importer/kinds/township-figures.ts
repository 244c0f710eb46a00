/** Townships' reported figures (苏木乡镇报送数据): see reported-figures.ts. */
import { townshipFigures } from '@lingyan/data';
import { reportedFiguresWriter } from './reported-figures.js';

export const townshipFiguresWriter = reportedFiguresWriter(townshipFigures, 'township');
