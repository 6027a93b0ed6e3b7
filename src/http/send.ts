/**
 * Sends a prepared response: picks brotli, gzip or none from Accept-Encoding, answers
 * 304 to a matching If-None-Match, and sends nothing but headers for HEAD.
 */
import type { Request, Response } from 'express';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Prepared } from '../render/prepared.js';

export const PAGE_CACHE = 'no-cache';
export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

export function sendPrepared(req: Request, res: Response, prepared: Prepared, cacheControl = PAGE_CACHE): void {
  res.status(prepared.status);
  res.setHeader('Content-Type', prepared.contentType);
  res.setHeader('Vary', 'Accept-Encoding');
  if (prepared.status === 200) {
    res.setHeader('Cache-Control', cacheControl);
    res.setHeader('ETag', prepared.etag);
    if (matchesEtag(req.headers['if-none-match'], prepared.etag)) {
      res.status(304).end();
      return;
    }
  } else {
    res.setHeader('Cache-Control', 'no-store');
  }

  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  const body = encoding === 'br' ? prepared.br : encoding === 'gzip' ? prepared.gzip : prepared.identity;
  sendBody(req, res, body, encoding);
}

/**
 * Sends a response made for this request (search results): compressed now, at levels that
 * cost a fraction of a millisecond, and never stored by shared caches.
 */
export function sendDynamic(req: Request, res: Response, html: string, contentType: string): void {
  res.status(200);
  res.setHeader('Content-Type', contentType);
  res.setHeader('Vary', 'Accept-Encoding');
  res.setHeader('Cache-Control', 'private, no-cache');
  const identity = Buffer.from(html, 'utf8');
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  const body =
    encoding === 'br'
      ? brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: identity.length } })
      : encoding === 'gzip'
        ? gzipSync(identity, { level: 6 })
        : identity;
  sendBody(req, res, body, encoding);
}

function sendBody(req: Request, res: Response, body: Buffer, encoding: string | false): void {
  if (encoding === 'br' || encoding === 'gzip') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const candidate = tag.trim().replace(/^W\//, '');
    return candidate === etag || candidate === '*';
  });
}
