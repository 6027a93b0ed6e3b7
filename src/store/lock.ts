/**
 * The embedded store's folder belongs to one process at a time: PGlite is PostgreSQL in a
 * single process with no lock of its own (it writes no postmaster.pid), and two processes
 * writing one folder would corrupt it. The owner writes its process id to `store.lock`; a
 * lock whose process has gone (a crash, a killed container) is taken over.
 */
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreUnavailableError } from './types.js';

export const LOCK_FILE = 'store.lock';

/** Folders this process holds (a second store in the same process must not open one either). */
const heldHere = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The id of the live process holding `dir`, or undefined when nothing does. */
export async function lockHolder(dir: string): Promise<number | undefined> {
  if (heldHere.has(dir)) return process.pid;
  const pid = Number((await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => '')).trim());
  // Our own id in a lock we do not hold is left from an earlier process (pid 1 in a container).
  return Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/** Takes the folder's lock, or rejects with StoreUnavailableError naming the process that has it. */
export async function lockFolder(dir: string): Promise<{ release: () => Promise<void> }> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; ; attempt++) {
    const holder = await lockHolder(dir);
    if (holder !== undefined) {
      throw new StoreUnavailableError(`the data folder ${dir} is in use by another process (id ${holder})`);
    }
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${process.pid}\n`);
      await file.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
      await unlink(path).catch(() => undefined); // left by a process that has gone
    }
  }
  heldHere.add(dir);
  return {
    release: async () => {
      heldHere.delete(dir);
      await unlink(path).catch(() => undefined);
    },
  };
}
