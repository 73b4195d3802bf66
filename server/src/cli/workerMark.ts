// How the thread that runs a large input (memoryGuard.ts) knows it is that worker: a mark in its
// environment, read without loading node:worker_threads (its evaluation, and the internal modules
// it loads, cost a start-up that never needs a worker some 2 ms; issue 13).
export const WORKER_MARK = 'TCPFLOW_CLI_WORKER';

/** Whether this thread is the worker memoryGuard.ts started. */
export const isCliWorker = (): boolean => process.env[WORKER_MARK] === '1';
