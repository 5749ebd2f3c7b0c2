// Reads [{op: "seal"|"open", key, nonce, data}] (hex) on stdin, answers [{result}] (hex, or null when open fails).
const sodium = require('libsodium-wrappers');

(async () => {
  await sodium.ready;
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const requests = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const answers = requests.map(({ op, key, nonce, data }) => {
    const k = sodium.from_hex(key);
    const n = sodium.from_hex(nonce);
    const d = sodium.from_hex(data);
    if (op === 'seal') return { result: sodium.to_hex(sodium.crypto_secretbox_easy(d, n, k)) };
    try {
      return { result: sodium.to_hex(sodium.crypto_secretbox_open_easy(d, n, k)) };
    } catch (e) {
      return { result: null };
    }
  });
  process.stdout.write(JSON.stringify(answers));
})();
