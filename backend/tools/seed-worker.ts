import { parentPort, workerData } from 'node:worker_threads';
import { BatchJob, runBatches } from './seed-batches';

/** A worker thread of the bulk seed (bulk-seed.ts): generates and writes its share of the batches. */
const job = workerData as BatchJob;
runBatches(job, (cases, events) => parentPort?.postMessage({ cases, events })).then(
  () => parentPort?.postMessage({ done: true }),
  (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
