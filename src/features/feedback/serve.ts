/**
 * The feedback forms: POST /feedback/useful ("Is this page useful?") and POST
 * /feedback/problem ("Report a problem with this page"), each answered 303 to the thank-you
 * page (GET /feedback/thanks, cacheable: it depends only on its query string). Post, redirect,
 * get: the forms work without JavaScript and a reload never sends twice.
 *
 * In order, a POST is refused: as any request is (limits.ts), when it is from another site
 * (403) or not an ordinary form (415), past the rate limit (429), too large (413), missing a
 * field (400) or about a page that is not on the site (404). A filled honeypot is thanked
 * and dropped. If the store cannot keep it, the family is told it was not saved (503).
 * Every refusal is a page with the phone number, and nothing is stored.
 */
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import type { SiteHolder } from '../../http/siteHolder.js';
import { refusalStatus } from '../../http/limits.js';
import type { FeedbackStore } from '../../store/types.js';
import { StoreUnavailableError } from '../../store/types.js';
import { problemErrors, problemForm, usefulForm } from './forms.js';
import type { FeedbackPages, Refusal } from './pages.js';
import { feedbackRateLimit, type RateLimitOptions } from './rateLimit.js';
import { crossSiteOrWrongType } from './guard.js';
import { redact } from './redact.js';

export const FEEDBACK_MOUNT = '/feedback';
export const THANKS_PATH = '/feedback/thanks';

/** What the feedback forms need beyond the site: where to keep what is sent, and the rate limit. */
export interface FeedbackOptions {
  store: FeedbackStore;
  /** The site's public address, for the Origin check. */
  siteUrl: string;
  rateLimit: RateLimitOptions;
}

/** Forms are small: two fields of 1,300 characters, each up to 9 bytes once encoded, and room to spare. */
export const BODY_LIMIT = '32kb';

const thanksAddress = (page: string, after: 'yes' | 'no' | 'reported') =>
  `${THANKS_PATH}?${new URLSearchParams({ page, ...(after === 'reported' ? { reported: '1' } : { answer: after }) })}`;

const pagesOf = (holder: SiteHolder): FeedbackPages => holder.current.rendered.feedback;

function sendPage(res: express.Response, status: number, html: string): void {
  res.status(status).type('html').send(html);
}

/** GET /feedback/thanks?page=/referral&answer=no (or &reported=1). */
export function serveThanks({ holder }: { holder: SiteHolder }): RequestHandler {
  return (req, res, next) => {
    const query = new URL(req.originalUrl, 'http://localhost').searchParams;
    const page = query.get('page') ?? '';
    const answer = query.get('answer');
    const after = query.get('reported') === '1' ? 'reported' : answer === 'no' ? 'no' : answer === 'yes' ? 'yes' : undefined;
    if (!after || !pagesOf(holder).knows(page)) return next(); // the 404 page
    sendPage(res, 200, pagesOf(holder).thanks(page, after));
  };
}

/** The POST forms under /feedback; every other method goes on to the pages' refusals. */
export function serveFeedbackForms({
  holder,
  logger,
  feedback,
}: {
  holder: SiteHolder;
  logger: Logger;
  feedback?: FeedbackOptions;
}): RequestHandler {
  const router = express.Router();
  const refuse =
    (status: Refusal): RequestHandler =>
    (req, res) =>
      sendPage(res, status, pagesOf(holder).refused(status, pageIn(req)));
  const tooMany: RequestHandler = (req, res) => sendPage(res, 429, pagesOf(holder).refused(429, pageIn(req)));

  router.use((req, res, next) => {
    if (req.method !== 'POST') return next('router');
    const status = refusalStatus(req, req.path, { methods: ['POST'], body: true });
    if (status !== undefined) return refuse(status === 405 ? 400 : (status as Refusal))(req, res, next);
    if (req.path !== '/useful' && req.path !== '/problem') return refuse(404)(req, res, next);
    const wrong = crossSiteOrWrongType(req, feedback?.siteUrl ?? '');
    if (wrong) return refuse(wrong)(req, res, next);
    next();
  });
  if (feedback) router.use(feedbackRateLimit(feedback.rateLimit, tooMany));
  router.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 }));

  router.post('/useful', async (req, res) => {
    const form = usefulForm.safeParse(req.body);
    if (!form.success) return refuse(400)(req, res, () => undefined);
    const { page, answer, website } = form.data;
    if (!pagesOf(holder).knows(page)) return refuse(404)(req, res, () => undefined);
    if (!website) {
      if (!(await saved(() => feedback?.store.recordAnswer({ page, answer }), res, page))) return;
    }
    res.redirect(303, thanksAddress(page, answer));
  });

  router.post('/problem', async (req, res) => {
    const form = problemForm.safeParse(req.body);
    if (!form.success) return refuse(400)(req, res, () => undefined);
    const values = form.data;
    if (!pagesOf(holder).knows(values.page)) return refuse(404)(req, res, () => undefined);
    const errors = problemErrors(values);
    if (errors.length) return sendPage(res, 400, pagesOf(holder).problemForm(values.page, values, errors));
    if (!values.website) {
      const tryingToDo = redact(values.tryingToDo);
      const wentWrong = redact(values.wentWrong);
      const flagged = tryingToDo.removed.length + wentWrong.removed.length > 0;
      const report = { page: values.page, tryingToDo: tryingToDo.text, wentWrong: wentWrong.text, flagged };
      if (!(await saved(() => feedback?.store.recordProblem(report), res, values.page))) return;
    }
    res.redirect(303, thanksAddress(values.page, 'reported'));
  });

  /** Runs the store write; on failure answers 503 ("not saved", the phone number) and resolves false. */
  async function saved(write: () => Promise<unknown> | undefined, res: express.Response, page: string): Promise<boolean> {
    try {
      if (!feedback) throw new StoreUnavailableError('no store is configured');
      await write();
      return true;
    } catch (err) {
      // The store logs once when it becomes unavailable; anything else is a fault to see.
      if (!(err instanceof StoreUnavailableError)) logger.error({ err }, 'Feedback could not be saved');
      res.setHeader('Retry-After', '60');
      sendPage(res, 503, pagesOf(holder).notSaved(page));
      return false;
    }
  }

  // A body too large, in an unknown character set, or that cannot be read: its status, our page.
  const bodyErrors: ErrorRequestHandler = (err: { status?: number; type?: string }, req, res, next) => {
    const status = err.status === 413 || err.status === 415 ? err.status : err.status && err.status < 500 ? 400 : undefined;
    if (status === undefined) return next(err);
    sendPage(res, status, pagesOf(holder).refused(status, pageIn(req)));
  };
  router.use(bodyErrors);
  return router;
}

/** The page a form was about, when it got far enough to say, for the link back. */
function pageIn(req: express.Request): string | undefined {
  const body = req.body as { page?: unknown } | undefined;
  return typeof body?.page === 'string' ? body.page : undefined;
}
