-- wrk script for TapBus's public scan URL: every request is a fresh, genuine SUN message, and every answer is
-- checked. Make the URLs first (a fresh tag batch on the running bus, each tag's counter rising):
--   bin/tapbus bench --flow scans --write-urls /tmp/tapbus-scan-urls.txt --count 400000
-- then, with T threads where T divides the batch's 4096 tags (1, 2, 4, 8...):
--   wrk -t2 -c128 -d20s --latency -s samples/load-generator/wrk/scans.lua http://127.0.0.1:8080 -- /tmp/tapbus-scan-urls.txt 2
-- (the last argument repeats -t).
-- Thread t sends lines t, t+T, t+2T...: each tag stays on one thread, in counter order. Give enough URLs for the
-- run (rate x seconds): a thread that runs out starts again from its first line, and those repeats are answered
-- REPLAYED, which counts as wrong. At the end: requests, GENUINE answers and wrong ones.

local threads = {}

function setup(thread)
   thread:set("id", #threads)
   table.insert(threads, thread)
end

function init(args)
   local file = args[1] or "/tmp/tapbus-scan-urls.txt"
   nthreads = tonumber(args[2] or "1") -- the same as wrk's -t
   paths = {}
   local i = 0
   for line in io.lines(file) do
      if i % nthreads == id then
         -- wrk sends a path; strip scheme, host and port
         table.insert(paths, (line:gsub("^https?://[^/]+", "")))
      end
      i = i + 1
   end
   next_index = 1
   genuine = 0
   wrong = 0
end

function request()
   local path = paths[next_index]
   next_index = next_index + 1
   if next_index > #paths then
      next_index = 1
   end
   return wrk.format("GET", path, { ["Accept"] = "application/json" })
end

function response(status, headers, body)
   if status == 200 and body:find("\"GENUINE\"", 1, true) then
      genuine = genuine + 1
   else
      wrong = wrong + 1
   end
end

function done(summary, latency, requests)
   local g, w = 0, 0
   for _, thread in ipairs(threads) do
      g = g + thread:get("genuine")
      w = w + thread:get("wrong")
   end
   io.write(string.format("requests %d, GENUINE %d, wrong %d\n", summary.requests, g, w))
   io.write(string.format("p50 %.2f ms, p99 %.2f ms\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
