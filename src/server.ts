/**
 * Entry point of `npm start`: turns on Node's compile cache, then starts the server (serve.ts).
 * Node keeps the compiled code of every module loaded after this call (in the system's
 * temporary folder), so a restart compiles none of them again: about 45 ms of the 200 ms the
 * modules take to load. It only applies to modules loaded later, hence the import below. A
 * cache that cannot be written only means compiling as before.
 */
import { enableCompileCache } from 'node:module';

enableCompileCache();
await import('./serve.js');
