-- Loaded by every bench script (dofile): BENCH_RATE > 0 holds the run near that many requests per second in all,
-- spread over BENCH_CONNECTIONS connections by wrk's delay(), so tail latency is judged below saturation; done()
-- adds the p95 that wrk's --latency table leaves out.
local rate = tonumber(os.getenv("BENCH_RATE") or "0")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "16")

delay = function()
  if rate > 0 then
    return 1000 * connections / rate
  end
  return 0
end

done = function(summary, latency, requests)
  io.write(string.format("p95 latency: %.2f ms\n", latency:percentile(95) / 1000))
end
