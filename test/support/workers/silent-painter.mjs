// A chart painter that takes every job and never answers: what a stuck worker looks like to the pool.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => undefined);
