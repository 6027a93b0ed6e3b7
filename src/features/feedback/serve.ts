/**
 * The feedback forms: POST /feedback/useful ("Is this page useful?") and POST
 * /feedback/problem ("Report a problem with this page"), each answered 303 to the thank-you
 * page (GET /feedback/thanks, cacheable: it depends only on its query string). Post, redirect,
 * get: the forms work without JavaScript and a reload never sends twice.
 *
 * After the refusals every request meets (limits.ts), a POST is refused when it is from
 * another site (403) or not an ordinary form (415), past the rate limit (429), too large
 * (413), missing a field (400) or about a page that is not on the site (404). A filled
 * honeypot is thanked and dropped. If the store cannot keep it, the family is told it was
 * not saved (503). Every refusal is a page with the phone number, and nothing is stored.
 */
import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { renderPage } from '../../http/views.js';
import type { SiteHolder } from '../../http/siteHolder.js';
import type { OpenStore } from '../../store/open.js';
import { StoreUnavailableError } from '../../store/types.js';
import { problemErrors, problemForm, usefulForm } from './forms.js';
import type { FeedbackPages, FeedbackView, Refusal } from './pages.js';
import { feedbackRateLimit, type RateLimitOptions } from './rateLimit.js';
import { crossSiteOrWrongType } from './guard.js';
import { redact } from './redact.js';
import type { SearchCounter } from './searchCounts.js';

export const FEEDBACK_PATH = '/feedback';
export const USEFUL_PATH = '/feedback/useful';
export const PROBLEM_PATH = '/feedback/problem';
export const THANKS_PATH = '/feedback/thanks';

/** What the feedback forms need beyond the site: where to keep what is sent, and the rate limit. */
export interface FeedbackOptions {
  store: OpenStore;
  /** The site's public address, for the Origin check. */
  siteUrl: string;
  rateLimit: RateLimitOptions;
  /** Counts searches, adding them to the store in batches. */
  searches: SearchCounter;
}

interface Context {
  holder: SiteHolder;
  logger: Logger;
  feedback?: FeedbackOptions;
}

/** Forms are small: two fields of 1,300 characters, each up to 9 bytes once encoded, and room to spare. */
export const BODY_LIMIT = '32kb';

const thanksAddress = (page: string, after: 'yes' | 'no' | 'reported') =>
  `${THANKS_PATH}?${new URLSearchParams({ page, ...(after === 'reported' ? { reported: '1' } : { answer: after }) })}`;

const pagesOf = (holder: SiteHolder): FeedbackPages => holder.current.rendered.feedback;

function show(req: Request, res: Response, next: NextFunction, { view, locals }: FeedbackView, status = 200): void {
  renderPage(req, res, next, view, locals, status);
}

/** The page a form was about, when it got far enough to say, for the link back. */
function pageIn(req: Request): string | undefined {
  const body = req.body as { page?: unknown } | undefined;
  return typeof body?.page === 'string' ? body.page : undefined;
}

/** GET /feedback/thanks?page=/referral&answer=no (or &reported=1). */
export function serveThanks({ holder }: Context): RequestHandler {
  return (req, res, next) => {
    const query = new URL(req.originalUrl, 'http://localhost').searchParams;
    const page = query.get('page') ?? '';
    const answer = query.get('answer');
    const after = query.get('reported') === '1' ? 'reported' : answer === 'no' ? 'no' : answer === 'yes' ? 'yes' : undefined;
    if (!after || !pagesOf(holder).knows(page)) return next(); // the 404 page
    show(req, res, next, pagesOf(holder).thanks(page, after));
  };
}

/** One rate limit for both forms of a site (the route table makes a handler for each). */
const limits = new WeakMap<FeedbackOptions, RequestHandler>();

/**
 * What both forms do before their own handler: refuse another site's POST and other types,
 * count against the rate limit, read the body within its limit; and after it, answer a body
 * that could not be read with its status.
 */
function formSteps(
  context: Context,
  handle: (values: unknown, req: Request, res: Response, next: NextFunction) => Promise<void>,
): RequestHandler {
  const { holder, feedback } = context;
  const refuse = (status: Refusal, req: Request, res: Response, next: NextFunction) =>
    show(req, res, next, pagesOf(holder).refused(status, pageIn(req)), status);
  const router = express.Router();
  router.use((req, res, next) => {
    const wrong = crossSiteOrWrongType(req, feedback?.siteUrl ?? '');
    if (wrong) return refuse(wrong, req, res, next);
    next();
  });
  if (feedback) {
    let limit = limits.get(feedback);
    if (!limit) limits.set(feedback, (limit = feedbackRateLimit(feedback.rateLimit, (req, res, next) => refuse(429, req, res, next))));
    router.use(limit);
  }
  router.use(express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 10 }));
  router.use((req, res, next) => void handle(req.body, req, res, next).catch(next));
  // A body too large, in an unknown character set, or that cannot be read: its status, our page.
  const bodyErrors: ErrorRequestHandler = (err: { status?: number }, req, res, next) => {
    const status = err.status === 413 || err.status === 415 ? err.status : err.status && err.status < 500 ? 400 : undefined;
    if (status === undefined) return next(err);
    refuse(status, req, res, next);
  };
  router.use(bodyErrors);
  return router;
}

/**
 * Runs the store write; on failure answers 503 ("not saved", the phone number) and resolves
 * false. The store logs once when it becomes unavailable; anything else is a fault to see.
 */
async function saved(
  context: Context,
  write: (store: OpenStore) => Promise<unknown>,
  page: string,
  req: Request,
  res: Response,
  next: NextFunction,
) {
  try {
    if (!context.feedback) throw new StoreUnavailableError('no store is configured');
    await write(context.feedback.store);
    return true;
  } catch (err) {
    if (!(err instanceof StoreUnavailableError)) context.logger.error({ err }, 'Feedback could not be saved');
    res.setHeader('Retry-After', '60');
    show(req, res, next, pagesOf(context.holder).notSaved(page), 503);
    return false;
  }
}

/** POST /feedback/useful: page, answer (yes or no). */
export function serveUseful(context: Context): RequestHandler {
  const pages = () => pagesOf(context.holder);
  return formSteps(context, async (body, req, res, next) => {
    const form = usefulForm.safeParse(body);
    if (!form.success) return show(req, res, next, pages().refused(400, pageIn(req)), 400);
    const { page, answer, website } = form.data;
    if (!pages().knows(page)) return show(req, res, next, pages().refused(404), 404);
    if (!website && !(await saved(context, (store) => store.recordAnswer({ page, answer }), page, req, res, next))) return;
    res.redirect(303, thanksAddress(page, answer));
  });
}

/** POST /feedback/problem: page, tryingToDo, wentWrong; kept with personal details removed. */
export function serveProblem(context: Context): RequestHandler {
  const pages = () => pagesOf(context.holder);
  return formSteps(context, async (body, req, res, next) => {
    const form = problemForm.safeParse(body);
    if (!form.success) return show(req, res, next, pages().refused(400, pageIn(req)), 400);
    const values = form.data;
    if (!pages().knows(values.page)) return show(req, res, next, pages().refused(404), 404);
    const errors = problemErrors(values);
    if (errors.length) return show(req, res, next, pages().problemForm(values.page, values, errors), 400);
    if (!values.website) {
      const tryingToDo = redact(values.tryingToDo);
      const wentWrong = redact(values.wentWrong);
      const flagged = tryingToDo.removed.length + wentWrong.removed.length > 0;
      const report = { page: values.page, tryingToDo: tryingToDo.text, wentWrong: wentWrong.text, flagged };
      if (!(await saved(context, (store) => store.recordProblem(report), values.page, req, res, next))) return;
    }
    res.redirect(303, thanksAddress(values.page, 'reported'));
  });
}
