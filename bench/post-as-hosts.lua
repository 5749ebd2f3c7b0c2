-- wrk script: send BENCH_BODY (default body.json) to BENCH_PATH with BENCH_METHOD (default POST) as the hosts in
-- keys.txt, one after the other, so that the load looks like a fleet, not one host. Anything but a 200 containing
-- BENCH_EXPECT (the steady-state answer) stops the run.
local keys = {}
for line in io.lines("keys.txt") do keys[#keys + 1] = line end
local body = io.open(os.getenv("BENCH_BODY") or "body.json"):read("*a")
local method = os.getenv("BENCH_METHOD") or "POST"
local path = os.getenv("BENCH_PATH")
local expect = os.getenv("BENCH_EXPECT")
local counter = 0
-- BENCH_RATE > 0: that many requests per second in all (fixed-rate.lua).
dofile("fixed-rate.lua")

request = function()
  counter = counter + 1
  local key = keys[(counter % #keys) + 1]
  if method == "GET" then
    return wrk.format("GET", path, { ["X-API-Key"] = key })
  end
  return wrk.format(method, path, { ["X-API-Key"] = key, ["Content-Type"] = "application/json" }, body)
end

response = function(status, headers, body)
  if status ~= 200 or (expect and not string.find(body, expect, 1, true)) then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
