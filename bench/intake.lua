-- Signature intake: POSTs the public sign form with a new address each time.
-- The antiforgery cookie and token come from the environment (one pair serves every request).
-- Counters are globals: wrk reads them from each thread with thread:get() at the end.
local token = os.getenv("BENCH_TOKEN")
local cookie = os.getenv("BENCH_COOKIE")
local path = os.getenv("BENCH_PATH")
counter = 0
accepted = 0
refused = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id)
end

function request()
  counter = counter + 1
  local email = string.format("bench%d.%d.%d@gmail.com", id, counter, math.random(1, 1000000000))
  local body = "Input.FirstName=Bench&Input.LastName=Signer&Input.Email=" .. email ..
    "&Input.Postcode=75011&Input.Country=FR&Input.Public=true&__RequestVerificationToken=" .. token
  return wrk.format("POST", path, { ["Content-Type"] = "application/x-www-form-urlencoded", ["Cookie"] = cookie }, body)
end

function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("accepted")
    r = r + t:get("refused")
  end
  io.write(string.format('BENCH {"requests":%d,"accepted":%d,"refused":%d,"seconds":%.3f,"p50_ms":%.3f,"p99_ms":%.3f,"p999_ms":%.3f,"errors":%d}\n',
    summary.requests, a, r, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
