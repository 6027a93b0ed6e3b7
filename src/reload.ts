/**
 * Reload: build a whole new site beside the one being served, then swap one reference.
 * A failed build (bad content, or a template that throws) changes nothing: the last good
 * build keeps serving and the caller gets the problems. Used by SIGHUP in production and
 * by the preview server on every change.
 *
 * Reloads never overlap: a request that arrives while one is running queues a single
 * further reload (files may have changed during the build), which serves every request
 * that arrived meanwhile.
 */
import { build, type Build, type BuildOptions } from './build.js';
import { thrownBuildProblem } from './buildFailure.js';
import { hasErrors, type Problem } from './content/problem.js';
import type { SiteHolder } from './http/siteHolder.js';

export interface ReloadResult {
  ok: boolean;
  problems: Problem[];
  /** The new build, when it succeeded (it is already being served). */
  build?: Build;
}

export class Reloader {
  #running?: Promise<ReloadResult>;
  #queued?: Promise<ReloadResult>;
  #lastGood: Build;

  constructor(
    private readonly holder: SiteHolder,
    private readonly options: BuildOptions,
  ) {
    this.#lastGood = holder.current;
  }

  /** The build most recently built without errors (the holder may serve a variant of it). */
  get lastGood(): Build {
    return this.#lastGood;
  }

  reload(): Promise<ReloadResult> {
    if (this.#queued) return this.#queued;
    if (this.#running) {
      this.#queued = this.#running.then(() => {
        this.#queued = undefined;
        return this.#start();
      });
      return this.#queued;
    }
    return this.#start();
  }

  #start(): Promise<ReloadResult> {
    this.#running = this.#buildAndSwap().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #buildAndSwap(): Promise<ReloadResult> {
    let next: Awaited<ReturnType<typeof build>>;
    try {
      next = await build(this.options);
    } catch (thrown) {
      // A file that could not be read, or a template that could not be rendered.
      return { ok: false, problems: [thrownBuildProblem(thrown, this.options)] };
    }
    if (!next.build || hasErrors(next.problems)) return { ok: false, problems: next.problems };
    this.#lastGood = next.build;
    this.holder.swap(next.build);
    return { ok: true, problems: next.problems, build: next.build };
  }
}
