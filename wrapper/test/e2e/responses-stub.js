// A stand-in for the OpenAI Responses API (POST /v1/responses, streamed as server-sent events) for the end-to-end
// tests with the real Codex CLI. Every turn answers one short assistant message and reports a fixed, known usage,
// so a test can assert the exact token counts that reach the server. Any other path answers 404; so it can stand in
// for an MCP server that refuses, and the test sees which Authorization header Codex sent there. Usage:
// node responses-stub.js <state dir>; the port goes to <state dir>/port, each request's method, path and
// Authorization header to <state dir>/requests.log.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const state = process.argv[2];
const USAGE = {
  input_tokens: 1234,
  input_tokens_details: { cached_tokens: 200 },
  output_tokens: 56,
  output_tokens_details: { reasoning_tokens: 7 },
  total_tokens: 1290,
};
let turn = 0;

function event(res, type, fields) {
  res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    fs.appendFileSync(path.join(state, 'requests.log'), `${req.method} ${req.url} ${req.headers.authorization || '-'}\n`);
    if (req.method !== 'POST' || !req.url.split('?')[0].endsWith('/responses')) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"error":{"message":"not here"}}');
      return;
    }
    turn += 1;
    const id = `resp_stub_${turn}`;
    const message = { type: 'message', role: 'assistant', id: `msg_${turn}`,
      content: [{ type: 'output_text', text: `Stub answer ${turn}.` }] };
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
    event(res, 'response.created', { response: { id } });
    event(res, 'response.output_item.added', { output_index: 0, item: { ...message, content: [] } });
    event(res, 'response.output_text.delta', { output_index: 0, content_index: 0, item_id: message.id, delta: message.content[0].text });
    event(res, 'response.output_item.done', { output_index: 0, item: message });
    event(res, 'response.completed', { response: { id, usage: USAGE } });
    res.end();
  });
});

server.listen(0, '127.0.0.1', () => fs.writeFileSync(path.join(state, 'port'), String(server.address().port)));
