-- wrk script: GET /api/v1/me as a person's agent would, at a fixed rate (delay() spreads BENCH_RATE requests per
-- second over BENCH_CONNECTIONS connections), with the install token BENCH_BEARER, or with no bearer at all when it
-- is empty (the same route and pipeline without the token lookup). Any other status than BENCH_STATUS stops the run.
local bearer = os.getenv("BENCH_BEARER") or ""
local expected = tonumber(os.getenv("BENCH_STATUS"))
dofile("fixed-rate.lua")

request = function()
  local headers = {}
  if bearer ~= "" then
    headers["Authorization"] = "Bearer " .. bearer
  end
  return wrk.format("GET", "/api/v1/me", headers)
end

response = function(status, headers, body)
  if status ~= expected then
    error("unexpected answer " .. status .. ": " .. body)
  end
end
