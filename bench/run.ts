import { runComplianceBench } from './compliance.bench.ts';
import { runFoundationBench } from './foundation.bench.ts';
import { runPortalBench } from './portal.bench.ts';

/** `npm run bench`: every benchmark of the platform, each printing its figures. Pass names to run a subset. */
const benches: Record<string, () => Promise<void>> = {
  foundation: runFoundationBench,
  compliance: runComplianceBench,
  portal: runPortalBench,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  await run();
}
