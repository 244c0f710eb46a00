/** Counties' reported figures (旗县报送数据): see reported-figures.ts. */
import { countyFigures } from '@lingyan/data';
import { reportedFiguresWriter } from './reported-figures.js';

export const countyFiguresWriter = reportedFiguresWriter(countyFigures, 'county');
