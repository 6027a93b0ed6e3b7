/**
 * The one reference to the build being served. A reload builds a new one beside it and
 * swaps this reference; requests in flight finish on the build they started with.
 *
 * Production starts it with its first build. The preview starts it empty, as its content may
 * not build at first (src/dev/preview.ts), and swaps in the first good build when there is one.
 */
import type { Build } from '../build.js';
import { DEFAULT_CACHING, type CachingRules } from './caching.js';

export class SiteHolder {
  #current?: Build;
  #ready = true;

  /** `caching`: what each response says to caches, the same for every build served. */
  constructor(
    initial?: Build,
    readonly caching: CachingRules = DEFAULT_CACHING,
  ) {
    this.#current = initial;
  }

  /** The build being served; only the preview, before its first good build, has none. */
  get current(): Build {
    if (!this.#current) throw new Error('There is no build to serve yet: the content has not built.');
    return this.#current;
  }

  get hasBuild(): boolean {
    return this.#current !== undefined;
  }

  swap(next: Build): void {
    this.#current = next;
  }

  /** Swaps only if `expected` is still the one served (a reload may have replaced it meanwhile). */
  replace(expected: Build, next: Build): boolean {
    if (this.#current !== expected) return false;
    this.#current = next;
    return true;
  }

  /** False while the server drains before shutting down. */
  get ready(): boolean {
    return this.#ready;
  }

  drain(): void {
    this.#ready = false;
  }
}
