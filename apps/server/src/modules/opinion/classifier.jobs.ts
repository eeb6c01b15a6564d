import type { Logger } from 'pino';
import type { Db } from '../../platform/db/database.ts';
import type { JobRunner } from '../../platform/jobs/job-runner.ts';
import { hospitalsDueForRetraining, nightlyWindow, retrainIfDue } from './classifier.service.ts';

export const classifierTrainQueue = 'opinion.classifier-train';
export type ClassifierTrainJob = { hospitalId: number };

/** How often every instance looks, during the night, for hospitals with new corrections. */
const sweepEverySeconds = 10 * 60;
const beijingOffsetMs = 8 * 3_600_000;

/** The Beijing date of a time inside the nightly window (YYYY-MM-DD), or null outside it. */
export function nightOf(now: Date): string | null {
  const beijing = new Date(now.getTime() + beijingOffsetMs);
  const hour = beijing.getUTCHours();
  if (hour < nightlyWindow.fromHour || hour >= nightlyWindow.toHour) return null;
  return beijing.toISOString().slice(0, 10);
}

/**
 * During the night, one training job per hospital with corrections newer than its last model; keyed by hospital and
 * night, so the sweeps of every instance enqueue it once. The job trains a candidate only: an officer switches it on.
 */
export async function enqueueNightlyRetraining(db: Db, jobs: JobRunner, now = new Date()): Promise<number> {
  const night = nightOf(now);
  if (!night) return 0;
  const due = await hospitalsDueForRetraining(db);
  if (due.length === 0) return 0;
  await db.transaction(async (tx) => {
    for (const hospitalId of due) await jobs.enqueue(tx, classifierTrainQueue, { hospitalId } satisfies ClassifierTrainJob, { key: `${hospitalId}:${night}` });
  });
  return due.length;
}

/** Nightly retraining on the job queue. Call before the job runner starts. */
export function registerClassifierJobs(jobs: JobRunner, db: Db, logger: Logger) {
  jobs.define<ClassifierTrainJob>(classifierTrainQueue, async ({ hospitalId }) => {
    const outcome = await retrainIfDue(db, hospitalId);
    logger.info({ hospitalId, ...outcome }, 'nightly classifier retraining');
  });
  jobs.every('opinion-classifier-nightly', sweepEverySeconds, async () => {
    await enqueueNightlyRetraining(db, jobs);
  });
}
