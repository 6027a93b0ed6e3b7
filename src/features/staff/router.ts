/**
 * The staff area under /staff/: sign-in through the organisation's OpenID Connect provider,
 * the dashboard, its CSV downloads and its one action (mark a problem report dealt with).
 * Only here is there a cookie (session.ts). Every POST carries the session's CSRF token.
 *
 *   GET  /staff/                      the dashboard, or the sign-in page
 *   GET  /staff/sign-in               to the provider
 *   GET  /staff/callback              back from the provider: signed in, or refused
 *   POST /staff/sign-out              ends the session
 *   GET  /staff/signed-out            says so, and offers the provider's own sign-out
 *   POST /staff/reports/:id/dealt-with
 *   GET  /staff/:list.csv             each list of the dashboard as CSV
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { StoreUnavailableError, type FeedbackStore } from '../../store/types.js';
import type { SiteHolder } from '../../http/siteHolder.js';
import { staffAccess } from './access.js';
import { CSRF_FIELD, validCsrfToken } from './csrf.js';
import { dashboardHandlers } from './dashboard.js';
import { StaffPages } from './pages.js';
import { clearSession, newToken, readSession, writeSession, type SessionRead, type StaffSession } from './session.js';
import type { StaffSettings } from './settings.js';
import { OidcSignIn, ProviderUnavailable } from './signIn.js';

/** A sign-in must come back from the provider within this time. */
const PENDING_SIGN_IN_MS = 10 * 60_000;

export interface StaffAreaOptions {
  settings: StaffSettings;
  holder: SiteHolder;
  store: FeedbackStore;
  logger: Logger;
  siteUrl: string;
  /** The clock, for tests of the session's end. */
  now?: () => number;
}

/** Locals every handler after `signedIn` can rely on. */
export interface SignedInLocals {
  session: Required<Pick<StaffSession, 'user'>> & StaffSession;
}

/** The staff area as one router, to mount at /staff. */
export function staffArea(options: StaffAreaOptions): express.Router {
  const { settings, logger, siteUrl } = options;
  const now = options.now ?? Date.now;
  const pages = new StaffPages(options.holder, siteUrl);
  const signIn = new OidcSignIn(settings);
  const log = logger.child({ area: 'staff' });
  const router = express.Router({ strict: true });

  // The cookie's path is /staff/: /staff itself would not carry it.
  router.get('/', (req, res, next) => (req.originalUrl.startsWith('/staff/') ? next() : res.redirect(308, '/staff/')));

  /** The signed-in session, or a sign-in page (GET) or a refusal (POST) saying why not. */
  async function signedIn(req: Request, res: Response, next: NextFunction): Promise<void> {
    let read: SessionRead | { kind: 'ended' } = readSession(req, settings, now());
    if (read.kind === 'session' && read.session.user) {
      try {
        if (!(await options.store.staffSessionEnded(read.session.sid!))) {
          res.locals.session = read.session;
          return next();
        }
        read = { kind: 'ended' };
      } catch (err) {
        // Whether it was signed out cannot be checked: refused, as the dashboard could not be read either.
        if (!(err instanceof StoreUnavailableError)) return next(err);
        log.error({ err: err.message }, 'Staff session not checked: the store cannot be read');
        return pages.message(res, 503, {
          title: 'The staff area is not working at the moment',
          paragraphs: [
            'The database the staff area uses is not answering. The public pages are still working.',
            'Nothing was changed. Try again in a few minutes.',
          ],
          link: { text: 'Try again', href: '/staff/' },
        });
      }
    }
    if (read.kind === 'forged' || read.kind === 'expired' || read.kind === 'ended') {
      clearSession(res, settings);
      log.warn({ cookie: read.kind, path: req.path }, 'Staff session cookie refused');
    }
    const notice =
      read.kind === 'expired'
        ? 'Your session ended after a working day. Sign in again to carry on.'
        : read.kind === 'ended'
          ? 'This session was signed out. Sign in again to carry on.'
          : read.kind === 'forged'
            ? 'Your sign-in could not be checked, so it was ended. Sign in again to carry on.'
            : undefined;
    if (req.method === 'GET' || req.method === 'HEAD') {
      return pages.send(res, read.kind === 'none' ? 200 : 401, 'sign-in', { page: { title: 'Sign in' }, notice });
    }
    pages.message(res, 401, {
      title: 'You need to sign in',
      paragraphs: [notice ?? 'You are not signed in to the staff area.', 'Nothing was changed.'],
      link: { text: 'Sign in', href: '/staff/sign-in' },
    });
  }

  /** Refuses a form without the session's token: nothing changes. */
  function checkCsrf(req: Request, res: Response, next: NextFunction): void {
    const { session } = res.locals as SignedInLocals;
    const body = req.body as Record<string, unknown> | undefined;
    if (validCsrfToken(session, body?.[CSRF_FIELD])) return next();
    log.warn({ path: req.path, email: session.user.email }, 'Staff form refused: missing or wrong CSRF token');
    pages.message(res, 403, {
      title: 'This form has expired',
      paragraphs: [
        'The form was not sent from this staff area, or it was opened before you last signed in, so nothing was changed.',
        'Go back to the dashboard and try again.',
      ],
      link: { text: 'Go to the dashboard', href: '/staff/' },
    });
  }

  const form = [express.urlencoded({ extended: false, limit: '2kb', parameterLimit: 10 }), signedIn, checkCsrf];

  router.get('/sign-in', async (_req, res, next) => {
    try {
      const { url, pending } = await signIn.start();
      writeSession(res, settings, { csrf: newToken(), pending, expires: now() + PENDING_SIGN_IN_MS }, now());
      res.set(STAFF_NO_STORE).redirect(303, url.href);
    } catch (err) {
      next(err);
    }
  });

  router.get('/callback', async (req, res, next) => {
    const read = readSession(req, settings, now());
    const pending = read.kind === 'session' ? read.session.pending : undefined;
    // The pending sign-in is used once, whatever happens next.
    clearSession(res, settings);
    if (!pending) {
      log.warn({ cookie: read.kind }, 'Staff sign-in refused: no sign-in under way in this browser');
      return pages.message(res, 400, signInFailed('It took too long, or it was started in another browser or tab.'));
    }
    try {
      const claims = await signIn.finish(new URL(req.originalUrl, siteUrl), pending);
      const decision = staffAccess(claims, settings);
      if (!decision.allowed) {
        log.warn({ email: decision.email, reason: decision.reason }, 'Staff sign-in refused');
        return pages.message(res, 403, {
          title: 'You cannot use the staff area',
          paragraphs: [
            `You signed in${decision.email ? ` as ${decision.email}` : ''}, but that account is not one of the service's staff accounts.`,
            'If you work for the service, ask whoever looks after this website to add your account or group.',
          ],
        });
      }
      const session = { user: decision.user, sid: newToken(), csrf: newToken(), expires: now() + settings.sessionMs };
      writeSession(res, settings, session, now());
      log.info({ email: decision.user.email }, 'Staff signed in');
      res.set(STAFF_NO_STORE).redirect(303, '/staff/');
    } catch (err) {
      if (err instanceof ProviderUnavailable) return next(err);
      log.warn({ err: (err as Error).message }, 'Staff sign-in refused: the provider’s answer did not check out');
      // The provider's own refusal (the person cancelled, or is not assigned to the site) says why.
      const { error } = req.query as Record<string, unknown>;
      pages.message(
        res,
        400,
        signInFailed(
          typeof error === 'string'
            ? `The sign-in service did not sign you in (it said “${error.slice(0, 100)}”).`
            : 'The answer from the sign-in service did not match the sign-in started here.',
        ),
      );
    }
  });

  router.post('/sign-out', ...form, async (_req, res) => {
    const { session } = res.locals as SignedInLocals;
    clearSession(res, settings);
    // Recorded, so that a copy of the cookie is refused from now on, not only this browser's.
    await options.store.endStaffSession(session.sid!, new Date(session.expires), new Date(now())).catch((err: unknown) => {
      log.error(
        { err: (err as Error).message, email: session.user.email },
        'Sign-out not recorded: the store cannot be written; this browser is signed out',
      );
    });
    log.info({ email: session.user.email }, 'Staff signed out');
    res.set(STAFF_NO_STORE).redirect(303, '/staff/signed-out');
  });

  router.get('/signed-out', async (_req, res) => {
    const providerSignOut = (await signIn.endSessionUrl())?.href;
    pages.message(res, 200, {
      title: 'You have signed out',
      paragraphs: ['You have signed out of the staff area.'],
      link: { text: 'Sign in again', href: '/staff/' },
      providerSignOut,
    });
  });

  const dashboard = dashboardHandlers({ store: options.store, pages, log, csrfField: CSRF_FIELD, now: () => new Date(now()) });
  router.get('/', signedIn, dashboard.page);
  router.get('/:list.csv', signedIn, dashboard.csv);
  router.post('/reports/:id/dealt-with', ...form, dashboard.markDealtWith);

  // Anything else under /staff/ is the staff area's own 404; its faults its own 503 or 500.
  router.use((_req, res) =>
    pages.message(res, 404, {
      title: 'Page not found',
      paragraphs: ['There is no such page in the staff area.'],
      link: { text: 'Go to the dashboard', href: '/staff/' },
    }),
  );
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof ProviderUnavailable) {
      log.error({ err }, 'The sign-in service could not be reached');
      return pages.message(res, 503, {
        title: 'Sign-in is not working at the moment',
        paragraphs: ['The organisation’s sign-in service could not be reached. Try again in a few minutes.'],
        link: { text: 'Go to the staff area', href: '/staff/' },
      });
    }
    // A client's mistake (a form too large or not readable) keeps its 4xx; the rest are 500s.
    const given = Number((err as { status?: unknown }).status);
    if (given >= 400 && given < 500) {
      return pages.message(res, given, {
        title: 'The form could not be read',
        paragraphs: ['Nothing was changed. Go back to the dashboard and try again.'],
        link: { text: 'Go to the dashboard', href: '/staff/' },
      });
    }
    log.error({ err }, 'Staff request failed');
    pages.message(res, 500, {
      title: 'Sorry, there is a problem with the staff area',
      paragraphs: ['Try again later. Nothing was changed.'],
      link: { text: 'Go to the staff area', href: '/staff/' },
    });
  });
  return router;
}

const STAFF_NO_STORE = { 'Cache-Control': 'no-store' };

function signInFailed(why: string) {
  return {
    title: 'Sign-in did not complete',
    paragraphs: [why, 'You are not signed in. Start again from the staff area.'],
    link: { text: 'Sign in', href: '/staff/sign-in' },
  };
}
