-- wrk script: MCP tools/call as the hosts in sessions.txt ("<key> <session id>" per line), one after the other.
-- BENCH_TOOL memory_search asks for one of a few words; memory_store stores a new memory per request. Anything but a
-- 200 with a successful tool result stops the run.
local sessions = {}
for line in io.lines("sessions.txt") do
  local key, session = line:match("^(%S+) (%S+)$")
  sessions[#sessions + 1] = { key = key, session = session }
end
local tool = os.getenv("BENCH_TOOL")
local words = { "deploy", "cluster", "database", "rollback", "latency", "queue", "certificate", "migration" }
local counter = 0
-- BENCH_RATE > 0: that many requests per second in all (fixed-rate.lua).
dofile("fixed-rate.lua")
-- Each wrk thread has its own Lua state: setup() numbers them, so stored keys never collide between threads.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads .. "-" .. os.time())
end

request = function()
  counter = counter + 1
  local host = sessions[(counter % #sessions) + 1]
  local arguments
  if tool == "memory_search" then
    arguments = string.format('{"query":"%s","limit":10}', words[(counter % #words) + 1])
  else
    arguments = string.format('{"id":"bench-%s-%d","content":"note %d about %s","tags":["bench"]}', thread_id, counter, counter,
      words[(counter % #words) + 1])
  end
  local body = string.format('{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":%s}}', counter, tool,
    arguments)
  return wrk.format("POST", "/mcp", { ["Authorization"] = "Bearer " .. host.key, ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream", ["Mcp-Session-Id"] = host.session,
    ["MCP-Protocol-Version"] = "2025-11-25" }, body)
end

response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"isError":false', 1, true) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
