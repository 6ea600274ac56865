// The entry of the knowledge-load worker thread (worker-loader.ts). A worker does not inherit the
// TypeScript loader that tsx installs on the main thread (Node 20 keeps module hooks per thread),
// so this plain-JavaScript file installs tsx's loader in the worker before importing the loader.
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
