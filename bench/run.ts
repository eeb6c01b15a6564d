import { runAlertsBench } from './alerts.bench.ts';
import { runComplianceBench } from './compliance.bench.ts';
import { runContentBench } from './content.bench.ts';
import { runFeedsBench } from './feeds.bench.ts';
import { runFoundationBench } from './foundation.bench.ts';
import { runIngestBench } from './ingest.bench.ts';
import { runOpinionBench } from './opinion.bench.ts';
import { runPortalBench } from './portal.bench.ts';

/** `npm run bench`: every benchmark of the platform, each printing its figures. Pass names to run a subset. */
const benches: Record<string, () => Promise<void>> = {
  foundation: runFoundationBench,
  compliance: runComplianceBench,
  portal: runPortalBench,
  content: runContentBench,
  feeds: runFeedsBench,
  opinion: runOpinionBench,
  alerts: runAlertsBench,
  ingest: runIngestBench,
};

const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (wanted.length && !wanted.includes(name)) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  await run();
}
