import { parentPort, workerData } from 'node:worker_threads';
import { MentionAnalyzer, type AnalysisSettings } from './mention-analyzer.ts';
import { packReadings } from './reading-codec.ts';
import type { HospitalProfile, MentionInput } from './types.ts';

/** A worker of the analyzer's pool: reads the chunks of mentions it is sent, in the order they come. */
const { profile, settings } = workerData as { profile: HospitalProfile; settings: AnalysisSettings };
const port = parentPort!;
try {
  const analyzer = new MentionAnalyzer(profile, settings);
  port.on('message', ({ seq, mentions }: { seq: number; mentions: MentionInput[] }) => {
    try {
      const packed = packReadings(mentions.map((m) => analyzer.read(m)));
      port.postMessage({ seq, packed }, [packed.numbers.buffer]);
    } catch (err) {
      port.postMessage({ seq, error: (err as Error).stack ?? String(err) });
    }
  });
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ failed: (err as Error).stack ?? String(err) });
}
