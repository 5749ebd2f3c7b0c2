// Real Codex (app-server over stdio, JSON lines) with a CODEX_HOME whose config.toml has the managed MCP entry: asks
// Codex for its MCP servers' status, which makes it connect to /mcp and list the tools. Prints one JSON line with the
// status of the server "cdx". Usage: node codex-app-server.mjs <codex binary>
import { spawn } from "node:child_process";
import readline from "node:readline";

const codex = spawn(process.argv[2], ["app-server"], { stdio: ["pipe", "pipe", "inherit"], env: process.env });
const lines = readline.createInterface({ input: codex.stdout });
const pending = new Map();
lines.on("line", (line) => {
  let message;
  try { message = JSON.parse(line); } catch { return; }
  if (message.id !== undefined && pending.has(message.id)) {
    pending.get(message.id)(message);
    pending.delete(message.id);
  }
});
let next = 1;
const request = (method, params) => new Promise((resolve) => {
  const id = next++;
  pending.set(id, resolve);
  codex.stdin.write(JSON.stringify({ id, method, params }) + "\n");
});
const timeout = setTimeout(() => { console.error("timed out"); codex.kill(); process.exit(2); }, 90_000);

await request("initialize", { clientInfo: { name: "mcp-system-test", version: "1.0.0" } });
codex.stdin.write(JSON.stringify({ method: "initialized" }) + "\n");
let status;
for (let attempt = 0; attempt < 20; attempt++) {
  const answer = await request("mcpServerStatus/list", { detail: "toolsAndAuthOnly" });
  status = (answer.result?.data ?? []).find((server) => server.name === "cdx") ?? answer;
  if (status.tools && Object.keys(status.tools).length > 0) break;
  await new Promise((r) => setTimeout(r, 1000));
}
clearTimeout(timeout);
console.log(JSON.stringify(status));
codex.kill();
process.exit(0);
