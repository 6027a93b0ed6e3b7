/**
 * The words of the error pages, following the NHS.UK service manual's error page patterns.
 */
export interface ErrorCopy {
  title: string;
  paragraphs: string[];
}

export const ERROR_PAGES: Record<number, ErrorCopy> = {
  400: {
    title: 'Sorry, we could not understand that web address',
    paragraphs: ['The web address has characters in it that we cannot read.', 'Check it, or go to the home page.'],
  },
  404: {
    title: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it was correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
  },
  405: {
    title: 'Sorry, you cannot do that on this page',
    paragraphs: ['This website only shows pages. It does not accept forms or uploads.'],
  },
  408: {
    title: 'Sorry, that request took too long',
    paragraphs: ['Your browser took too long to send the request.', 'Try again, or go to the home page.'],
  },
  412: {
    title: 'Sorry, that page has changed',
    paragraphs: ['The page changed since your browser last saw it.', 'Go to the page again to see the latest version.'],
  },
  413: {
    title: 'Sorry, that request was too large',
    paragraphs: ['This website only shows pages. It does not accept uploads.'],
  },
  414: {
    title: 'Sorry, that web address is too long',
    paragraphs: ['Check it, or go to the home page.'],
  },
  417: {
    title: 'Sorry, we could not understand that request',
    paragraphs: ['Your browser asked for something this website does not do.', 'Try again, or go to the home page.'],
  },
  431: {
    title: 'Sorry, that request was too large',
    paragraphs: ['Your browser sent more information with the request than we accept.', 'Try again, or go to the home page.'],
  },
  500: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.'],
  },
};

export const ERROR_STATUSES = Object.keys(ERROR_PAGES).map(Number);
