// A stand-in for the host API in the wrapper's unit tests: answers each request from a file the test wrote and
// records what it was sent, with the client's port (which tells the requests of one connection apart).
// Usage: node stub-server.js <state dir>; the port is written to <state dir>/port.
// With --per-test, one server stands in for every test of a bats run: a request for /<test>/auth is test <test>'s
// "/auth", answered from and recorded in <state dir>/<test>, so that a test does not wait for a server of its own.
//
// The answer to "POST /slash-commands/retrieve" is routes/POST_slash-commands_retrieve (query strings ignored);
// routes/<name>.<n> answers the n-th call (from 1) of that route and wins over routes/<name>. A route file is a
// status line, optional "Header: value" lines, an empty line, then the body. No file: 404 in the line format.
// A status line of RESET drops the connection without an answer.
// With STUB_TLS_CERT and STUB_TLS_KEY (PEM files) it serves HTTPS with that certificate instead.
'use strict';
const http = require('http');
const https = require('https');
const fs = require('fs');
const path = require('path');

const root = process.argv[2];
const perTest = process.argv[3] === '--per-test';
const calls = new Map();

function routeFile(state, name) {
  const key = `${state}\0${name}`;
  const count = (calls.get(key) || 0) + 1;
  calls.set(key, count);
  for (const candidate of [`${name}.${count}`, name]) {
    const file = path.join(state, 'routes', candidate);
    if (fs.existsSync(file)) return file;
  }
  return null;
}

function parse(file) {
  const raw = fs.readFileSync(file);
  const split = raw.indexOf('\n\n');
  const head = (split < 0 ? raw : raw.subarray(0, split)).toString('utf8').split('\n');
  const body = split < 0 ? Buffer.alloc(0) : raw.subarray(split + 2);
  const headers = {};
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return { status: Number(head[0]), headers, body };
}

function handle(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let state = root;
    let url = req.url;
    if (perTest) {
      const test = /^\/([0-9]+)(\/.*)?$/.exec(url);
      if (!test) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('status=error\nmessage=No test in the path\n');
        return;
      }
      state = path.join(root, test[1]);
      url = test[2] || '/';
    }
    const pathname = url.split('?')[0];
    const name = `${req.method}${pathname.replace(/\//g, '_')}`;
    fs.appendFileSync(path.join(state, 'requests.log'), JSON.stringify({
      method: req.method, path: url, key: req.headers['x-api-key'] || null, bearer: req.headers.authorization || null,
      accept: req.headers.accept || null, session: req.headers['mcp-session-id'] || null,
      connection: req.socket.remotePort, body: Buffer.concat(chunks).toString('utf8'),
    }) + '\n');
    const file = routeFile(state, name);
    if (file && fs.readFileSync(file, 'utf8').startsWith('RESET')) {
      req.socket.destroy();
      return;
    }
    const answer = file ? parse(file) : { status: 404, headers: {}, body: Buffer.from('status=error\nmessage=Route not found\n') };
    res.writeHead(answer.status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': answer.body.length, ...answer.headers });
    res.end(answer.body);
  });
}

const tls = process.env.STUB_TLS_CERT && process.env.STUB_TLS_KEY;
const server = tls
  ? https.createServer({ cert: fs.readFileSync(process.env.STUB_TLS_CERT), key: fs.readFileSync(process.env.STUB_TLS_KEY) }, handle)
  : http.createServer(handle);

server.listen(0, '127.0.0.1', () => {
  fs.writeFileSync(path.join(root, 'port'), String(server.address().port));
});
