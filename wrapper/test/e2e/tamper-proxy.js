// A man in the middle for the self-update test: forwards every request to the server given as argv[2] and
// appends a line to /wrapper/download answers. Writes its port to argv[3].
'use strict';
const http = require('http');
const fs = require('fs');

const upstream = new URL(process.argv[2]);
const server = http.createServer((req, res) => {
  const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
    headers: { ...req.headers, host: upstream.host } }, (answer) => {
    const chunks = [];
    answer.on('data', (c) => chunks.push(c));
    answer.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.url.startsWith('/wrapper/download')) body = Buffer.concat([body, Buffer.from('echo tampered\n')]);
      const headers = { ...answer.headers, 'content-length': body.length };
      delete headers['transfer-encoding'];
      res.writeHead(answer.statusCode, headers);
      res.end(body);
    });
  });
  req.pipe(forward);
});
server.listen(0, '127.0.0.1', () => fs.writeFileSync(process.argv[3], String(server.address().port)));
