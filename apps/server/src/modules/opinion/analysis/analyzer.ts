import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { ClusterTracker, type ClusterOptions } from './cluster.ts';
import { MentionAnalyzer, settle, type AnalysisSettings, type MentionReading } from './mention-analyzer.ts';
import { unpackReadings, type PackedReadings } from './reading-codec.ts';
import type { HospitalProfile, MentionAnalysis, MentionInput } from './types.ts';

export type AnalyzerOptions = AnalysisSettings &
  ClusterOptions & {
    /** Worker threads reading mentions; 0 reads them in the calling thread. Default: one per core. */
    workers?: number;
    /** Mentions per message to a worker: large enough that messaging costs little, small enough to share work. */
    chunkSize?: number;
  };

/**
 * The opinion module's analysis engine for one monitored hospital. `analyze` returns, in input order, each
 * mention's relevance, polarity, risk, category, cluster and reasons. Calls may overlap; mentions are read
 * in parallel but clustered in call order, so a story's first mention names its cluster. The cluster state
 * lives as long as the analyzer does.
 */
export type Analyzer = {
  analyze(mentions: MentionInput[]): Promise<MentionAnalysis[]>;
  close(): Promise<void>;
};

type Reader = { read(mentions: MentionInput[]): Promise<MentionReading[]>; close(): Promise<void> };

export async function createAnalyzer(profile: HospitalProfile, options: AnalyzerOptions = {}): Promise<Analyzer> {
  const { workers = os.availableParallelism(), chunkSize = 256, polarityModel, modelMinProbability, ...clusterOptions } = options;
  const settings: AnalysisSettings = { polarityModel, modelMinProbability };
  const reader = workers > 0 ? await WorkerPool.start(workers, chunkSize, profile, settings) : inThread(profile, settings);
  const clusters = new ClusterTracker(clusterOptions);
  let tail: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    analyze(mentions) {
      if (closed) return Promise.reject(new Error('the analyzer is closed'));
      const readings = reader.read(mentions);
      // Handled below once the earlier calls are clustered; until then a failure must not count as unhandled.
      readings.catch(() => undefined);
      const done = tail.then(async () => {
        const read = await readings;
        const now = Date.now();
        return read.map((r) => settle(r, clusters, now));
      });
      tail = done.catch(() => undefined);
      return done;
    },
    close() {
      closed = true;
      return reader.close();
    },
  };
}

function idOf(mention: MentionInput) {
  return mention.id;
}

function inThread(profile: HospitalProfile, settings: AnalysisSettings): Reader {
  const analyzer = new MentionAnalyzer(profile, settings);
  return { read: async (mentions) => mentions.map((m) => analyzer.read(m)), close: async () => undefined };
}

type Job = { seq: number; mentions: MentionInput[]; resolve(readings: MentionReading[]): void; reject(err: Error): void };
/** A worker and the chunks sent to it, oldest first (it answers in order). */
type Slot = { worker: Worker; jobs: Job[] };

/** Chunks a worker holds at once: the next one is waiting when it finishes one, so it never idles on a round trip. */
const jobsPerWorker = 2;

/**
 * Worker threads, each with its own jieba and dictionaries, fed chunks from one queue, each holding up to
 * two chunks so it starts the next as soon as it answers one. The workers load TypeScript through tsx's API, as the app's own
 * entry points do, so they also start from a test runner.
 */
class WorkerPool implements Reader {
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  readonly #chunkSize: number;
  #seq = 0;
  #failure: Error | undefined;

  private constructor(chunkSize: number) {
    this.#chunkSize = chunkSize;
  }

  static async start(count: number, chunkSize: number, profile: HospitalProfile, settings: AnalysisSettings): Promise<WorkerPool> {
    const pool = new WorkerPool(chunkSize);
    const tsx = import.meta.resolve('tsx/esm/api');
    const entry = new URL('./analysis.worker.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(entry)}, ${JSON.stringify(import.meta.url)}))`;
    await Promise.all(
      Array.from({ length: count }, async () => {
        const worker = new Worker(boot, { eval: true, workerData: { profile, settings } });
        const slot: Slot = { worker, jobs: [] };
        pool.#slots.push(slot);
        await new Promise<void>((resolve, reject) => {
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`analysis worker exited with code ${code} while starting`)));
          worker.once('message', (m: { ready?: boolean; failed?: string }) => (m.ready ? resolve() : reject(new Error(`analysis worker failed to start: ${m.failed}`))));
        });
        worker.on('message', (m: { seq: number; packed?: PackedReadings; error?: string }) => pool.#done(slot, m));
        worker.on('error', (err) => pool.#fail(err));
        worker.on('exit', (code) => pool.#fail(new Error(`analysis worker exited with code ${code}`)));
      }),
    ).catch(async (err) => {
      await pool.close();
      throw err;
    });
    return pool;
  }

  read(mentions: MentionInput[]): Promise<MentionReading[]> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (!mentions.length) return Promise.resolve([]);
    const size = Math.min(this.#chunkSize, Math.ceil(mentions.length / this.#slots.length));
    const parts: Promise<MentionReading[]>[] = [];
    for (let i = 0; i < mentions.length; i += size) {
      const chunk = mentions.slice(i, i + size);
      parts.push(new Promise((resolve, reject) => this.#queue.push({ seq: this.#seq++, mentions: chunk, resolve, reject })));
    }
    this.#dispatch();
    return Promise.all(parts).then((chunks) => chunks.flat());
  }

  #dispatch() {
    for (let round = 0; round < jobsPerWorker; round++) {
      for (const slot of this.#slots) {
        if (slot.jobs.length > round || !this.#queue.length) continue;
        const job = this.#queue.shift()!;
        slot.jobs.push(job);
        slot.worker.postMessage({ seq: job.seq, mentions: job.mentions });
      }
    }
  }

  #done(slot: Slot, message: { seq: number; packed?: PackedReadings; error?: string }) {
    const job = slot.jobs[0];
    if (!job || job.seq !== message.seq) return;
    slot.jobs.shift();
    if (message.packed) job.resolve(unpackReadings(message.packed, job.mentions.map(idOf)));
    else job.reject(new Error(`analysis failed: ${message.error}`));
    this.#dispatch();
  }

  #fail(err: Error) {
    if (this.#failure) return;
    this.#failure = err;
    for (const slot of this.#slots) for (const job of slot.jobs.splice(0)) job.reject(err);
    for (const job of this.#queue.splice(0)) job.reject(err);
  }

  async close(): Promise<void> {
    this.#fail(new Error('the analyzer is closed'));
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}
