/**
 * The baseline: a bare node:http server, in its own process, that answers each path with
 * bytes it was handed (captured from our server), with only the headers a browser needs
 * to read them. Usage: bare-server.ts <manifest.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Entry {
  status: number;
  contentType: string;
  contentEncoding?: string;
  body: string; // base64
}

const [manifestFile, port] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestFile!, 'utf8')) as Record<string, Entry>;
const responses = new Map(
  Object.entries(manifest).map(([path, entry]) => {
    const body = Buffer.from(entry.body, 'base64');
    const headers: Record<string, string | number> = { 'content-type': entry.contentType, 'content-length': body.length };
    if (entry.contentEncoding) headers['content-encoding'] = entry.contentEncoding;
    return [path, { status: entry.status, headers, body }];
  }),
);

createServer((req, res) => {
  const response = responses.get(req.url ?? '') ?? responses.get('*')!;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}).listen(Number(port), '127.0.0.1');
