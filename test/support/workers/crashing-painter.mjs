// A chart painter that dies on its first job, as a native crash would take the thread down.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => process.exit(3));
