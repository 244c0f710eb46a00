/**
 * Regenerates the committed demo region in data/demo/ from its seed:
 *   pnpm --filter @lingyan/data generate [-- --out DIR] [--seed N]
 */
import { parseArgs } from 'node:util';
import { DEMO_DIR, writeDataset } from '../demo/files.js';
import { generateDemoRegion } from '../demo/generate.js';
import { DEMO_SEED } from '../demo/rng.js';

const { values } = parseArgs({
  options: { out: { type: 'string' }, seed: { type: 'string' } },
});
const dir = values.out ?? DEMO_DIR;
const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
const dataset = generateDemoRegion(seed);
writeDataset(dir, dataset);
console.log(
  `demo region (seed ${seed}) written to ${dir}: ${dataset.counties.length} counties, ${dataset.townships.length} townships, ` +
    `${dataset.villages.length} villages, ${dataset.alliances.length} alliances, ${dataset.industryProjects.length} projects, ` +
    `${dataset.pairings.length} pairings`,
);
