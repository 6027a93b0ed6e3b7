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
  413: {
    title: 'Sorry, that request was too large',
    paragraphs: ['This website only shows pages. It does not accept uploads.'],
  },
  500: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.'],
  },
};

export const ERROR_STATUSES = Object.keys(ERROR_PAGES).map(Number);
