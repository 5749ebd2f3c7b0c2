-- Loaded by every bench script (dofile): BENCH_RATE > 0 holds the run near that many requests per second in all,
-- spread over BENCH_CONNECTIONS connections by wrk's delay(), so tail latency is judged below saturation; done()
-- adds the p95 that wrk's --latency table leaves out.
--
-- The think time between a connection's answer and its next request is drawn from an exponential distribution
-- (BENCH_ARRIVALS=random, the default), so the connections send independently, the way a fleet's hosts do.
-- BENCH_ARRIVALS=even keeps it constant, as these scripts did before 2026-12-06: all connections then start
-- together and keep calling in one train, and requests queue behind the benchmark's own other connections
-- (docs/performance.md, "Fixed rates without a train of requests").
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "16")
local even = os.getenv("BENCH_ARRIVALS") == "even"
local mean_ms = rate > 0 and 1000 * connections / rate or 0
local seeded = false

-- Each wrk thread has its own Lua state; seeding from the kernel keeps two threads from drawing the same times.
local function seed()
  local random = io.open("/dev/urandom", "rb")
  local a, b, c, d = random:read(4):byte(1, 4)
  random:close()
  math.randomseed(((a * 256 + b) * 256 + c) * 256 + d)
  seeded = true
end

delay = function()
  if rate <= 0 then
    return 0
  end
  if even then
    return mean_ms
  end
  if not seeded then
    seed()
  end
  return math.floor(-mean_ms * math.log(1 - math.random()) + 0.5)
end

done = function(summary, latency, requests)
  io.write(string.format("p95 latency: %.2f ms\n", latency:percentile(95) / 1000))
end
