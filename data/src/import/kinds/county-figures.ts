/** A county's reported figures for a year (旗县报送数据; one row per county and year). */
import { CODE } from './shared-columns.js';
import { reportedFiguresKind } from './reported-figures.js';

export const countyFigures = reportedFiguresKind('county-figures', 'county', ['旗县代码', '县代码', '旗县区代码', ...CODE, 'countyCode']);
