/**
 * Writes a dataset the importer reads:
 *   pnpm data:generate [--scale demo|province|national] [--out DIR] [--seed N]
 *                      [--province 15] [--villages N] [--divisions DIR]
 * demo (the default) regenerates the committed demo region in data/demo/;
 * province and national use the real counties and townships of
 * data/divisions with synthetic boundaries and villages, streamed
 * to DIR (default data/generated/<scale>/).
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { DEMO_DIR, writeDataset } from '../demo/files.js';
import { generateDemoRegion } from '../demo/generate.js';
import { DEMO_SEED } from '../demo/rng.js';
import { SCALE_FILES, writeScale, type Scale } from '../national/generate.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: 'demo' },
    out: { type: 'string' },
    seed: { type: 'string' },
    province: { type: 'string' },
    villages: { type: 'string' },
    divisions: { type: 'string' },
  },
});
const seed = values.seed === undefined ? DEMO_SEED : Number(values.seed);
if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);
const scale = values.scale;

if (scale === 'demo') {
  const dir = values.out ?? DEMO_DIR;
  const dataset = generateDemoRegion(seed);
  writeDataset(dir, dataset);
  console.log(
    `demo region (seed ${seed}) written to ${dir}: ${dataset.counties.length} counties, ${dataset.townships.length} townships, ` +
      `${dataset.villages.length} villages, ${dataset.alliances.length} alliances, ${dataset.industryProjects.length} projects, ` +
      `${dataset.pairings.length} pairings`,
  );
} else if (scale === 'province' || scale === 'national') {
  const dir = values.out ?? fileURLToPath(new URL(`../../generated/${scale}/`, import.meta.url));
  const villages = values.villages === undefined ? undefined : Number(values.villages);
  if (villages !== undefined && !(Number.isInteger(villages) && villages > 0)) throw new Error(`--villages must be a positive integer, got ${values.villages}`);
  const started = Date.now();
  const s = writeScale(dir, {
    scale: scale as Scale,
    seed,
    ...(values.province === undefined ? {} : { province: values.province }),
    ...(villages === undefined ? {} : { villages }),
    ...(values.divisions === undefined ? {} : { divisionsDir: values.divisions }),
  });
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${scale} dataset (seed ${seed}) written to ${dir} in ${seconds.toFixed(1)} s: ${s.counties} counties, ${s.townships} townships, ` +
      `${s.villages} villages, ${s.figures} figure rows (left out of the divisions: ${s.skipped.counties} counties, ${s.skipped.townships} townships); ` +
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
  console.log('import them in this order:');
  for (const [file, kind] of SCALE_FILES) console.log(`  pnpm data:import ${dir.replace(/\/$/, '')}/${file} --kind ${kind}`);
} else {
  throw new Error(`--scale must be demo, province or national, got ${scale}`);
}
