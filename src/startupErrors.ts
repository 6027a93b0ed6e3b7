/**
 * What the server says when it cannot start: one plain sentence on standard error saying
 * what is wrong, with which folder, port, address or setting, and what to do; then exit 1.
 * No stack trace: the person reading it is running the site, not debugging it.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { thrownBuildProblem } from './buildFailure.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { ConfigError, readConfig, type Config } from './config.js';

const START = 'The site cannot start';

/** Prints why the site cannot start and exits with status 1. */
export function failedToStart(err: unknown, config?: Config): never {
  stop(whyItCannotStart(err, config));
}

function stop(sentence: string): never {
  console.error(sentence);
  process.exit(1);
}

/** The one sentence for a failure to start: a bad setting, a port or address, or a build that threw. */
export function whyItCannotStart(err: unknown, config?: Config): string {
  if (err instanceof ConfigError) {
    return err.settings.map(({ name, value, rule }) => `${START} because ${name} is ${JSON.stringify(value)}: ${rule}.`).join('\n');
  }
  const { code, syscall } = err as NodeJS.ErrnoException;
  if (config && (syscall === 'listen' || syscall === 'getaddrinfo')) {
    const { port, host } = config;
    switch (code) {
      case 'EADDRINUSE':
        return `${START} because port ${port} is already in use on ${host}: stop whatever is using it, or set PORT to a free port.`;
      case 'EACCES':
        return `${START} because it is not allowed to listen on port ${port}: set PORT to 1024 or above, such as 3000.`;
      case 'EADDRNOTAVAIL':
        return `${START} because HOST is "${host}", which is not an address of this machine: set HOST to one of its addresses, such as 0.0.0.0 (all of them) or 127.0.0.1.`;
      case 'ENOTFOUND':
      case 'EAI_AGAIN':
      case 'EAI_FAIL':
        return `${START} because HOST is "${host}", a name that could not be looked up: set HOST to an address of this machine, such as 0.0.0.0 (all of them) or 127.0.0.1.`;
      default:
        return `${START} because it could not listen on ${host} port ${port} (${(err as Error).message}): check HOST and PORT.`;
    }
  }
  if (config && err instanceof Error) {
    const { file, line, message, fix } = thrownBuildProblem(err, config);
    return `${START} (${file}${line === undefined ? '' : `:${line}`}): ${message} ${fix}`;
  }
  return `${START} because of an unexpected fault (${String(err)}): report it to whoever looks after the site, with this message.`;
}

const FOLDERS = [
  { setting: 'CONTENT_DIR', of: 'contentDir', what: 'content folder', holds: 'the Markdown pages' },
  { setting: 'VIEWS_DIR', of: 'viewsDir', what: 'views folder', holds: 'the page templates' },
  { setting: 'PUBLIC_DIR', of: 'publicDir', what: 'public folder', holds: "the site's own stylesheets" },
] as const;

/** The settings read from `env`; or stop, with the bad setting or the missing or unreadable folder. */
export async function configOrStop(env?: NodeJS.ProcessEnv): Promise<Config> {
  let config: Config;
  try {
    config = readConfig(env);
  } catch (err) {
    failedToStart(err);
  }
  const problem = await folderProblem(config);
  if (problem) stop(problem);
  return config;
}

/** Listens on the configured port and address, then calls `onListening`; or stops, saying why it could not. */
export function listenOrStop(server: Server, config: Config, onListening: (port: number) => void): void {
  const listenFailed = (err: Error) => failedToStart(err, config);
  server.once('error', listenFailed).listen(config.port, config.host, () => {
    server.off('error', listenFailed);
    onListening((server.address() as AddressInfo).port);
  });
}

/** The sentence for the first folder that is missing or cannot be read, if any. */
export async function folderProblem(config: Config): Promise<string | undefined> {
  for (const { setting, of, what, holds } of FOLDERS) {
    const path = config[of];
    const fix = `set ${setting} to the folder that holds ${holds}`;
    const found = await stat(path).catch((err: NodeJS.ErrnoException) => err);
    if (found instanceof Error) {
      const why = found.code === 'ENOENT' ? 'does not exist' : `cannot be read (${found.code ?? found.message})`;
      return `${START} because the ${what} ${path} ${why}: ${fix}.`;
    }
    if (!found.isDirectory()) return `${START} because the ${what} ${path} is a file, not a folder: ${fix}.`;
    const readable = await access(path, constants.R_OK | constants.X_OK).then(
      () => true,
      () => false,
    );
    if (!readable) return `${START} because the ${what} ${path} cannot be read by this user: let it read the folder, or ${fix}.`;
  }
  return undefined;
}
