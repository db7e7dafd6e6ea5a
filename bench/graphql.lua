-- wrk script for bench/run: POSTs one GraphQL-over-HTTP JSON body again and
-- again, with the bearer token, and prints one machine-readable line at the
-- end. BODY_FILE names the body ({"query": ..., "variables": ...}), TOKEN the
-- local-mode admin token.

local path = os.getenv("BODY_FILE")
local file = assert(io.open(path, "rb"), "BODY_FILE " .. tostring(path) .. " cannot be read")
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "")

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%.0f p90_us=%.0f p99_us=%.0f max_us=%.0f non2xx=%d socket_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write, e.timeout))
end
