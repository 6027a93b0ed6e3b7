/**
 * The baseline: a bare node:http server, in its own process, that answers each path with
 * the exact response it was handed (status, headers and encoded body, captured from our
 * server), looked up by URL. Usage: bare-server.ts <manifest.json> <port>
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Entry {
  status: number;
  headers: [string, string][];
  body: string; // base64
}

const [manifestFile, port] = process.argv.slice(2);
const manifest = JSON.parse(readFileSync(manifestFile!, 'utf8')) as Record<string, Entry>;
const responses = new Map(
  Object.entries(manifest).map(([path, entry]) => [
    path,
    { status: entry.status, headers: entry.headers.flat(), body: Buffer.from(entry.body, 'base64') },
  ]),
);
const fallback = { status: 404, headers: ['content-length', '0'], body: Buffer.alloc(0) };

createServer((req, res) => {
  const response = responses.get(req.url ?? '') ?? fallback;
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}).listen(Number(port), '127.0.0.1');
