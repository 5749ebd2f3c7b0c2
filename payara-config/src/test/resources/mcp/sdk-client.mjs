// The MCP TypeScript SDK's own client against /mcp: Streamable HTTP with the host key as bearer. Prints one JSON
// line with what it saw; the system test (McpSdkClientIT) asserts on it. Usage: node sdk-client.mjs <url> <key>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, key] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${key}` } },
});
const client = new Client({ name: "sdk-system-test", version: "1.0.0" });
await client.connect(transport);
const tools = await client.listTools();
const stored = await client.callTool({
  name: "memory_store",
  arguments: { id: "sdk-note", content: "The SDK client stored this memory", tags: ["sdk"] },
});
const found = await client.callTool({ name: "memory_search", arguments: { query: "SDK client memory", tags: ["sdk"] } });
const resources = await client.listResources();
await client.ping();
const sessionId = transport.sessionId;
await transport.terminateSession();
await client.close();
console.log(JSON.stringify({
  protocolVersion: transport.protocolVersion ?? null,
  sessionId,
  server: client.getServerVersion(),
  tools: tools.tools.map((t) => t.name),
  stored: stored.structuredContent,
  found: found.structuredContent,
  resources: resources.resources.map((r) => r.uri),
}));
