-- Site up/down: tells when a site stops answering as it should, and when it
-- is back. P holds the template's parameters; edit anything below.
local ok, answer = pcall(http.get, P.url, { timeout_s = P.timeout_s })
local problem
if not ok then
  problem = tostring(answer)
elseif answer.status ~= P.status then
  problem = ("answered %d (expected %d)"):format(answer.status, P.status)
elseif P.must_contain and not answer.body:find(P.must_contain, 1, true) then
  problem = "the page does not contain " .. P.must_contain
elseif P.max_latency_ms and answer.elapsed_ms > P.max_latency_ms then
  problem = ("answered in %d ms (more than %d)"):format(answer.elapsed_ms, P.max_latency_ms)
end
local was_up = ctx.last == nil or ctx.last.up
if problem and was_up then
  notify{ title = "Down: " .. P.url, body = problem, level = "error" }
elseif not problem and not was_up then
  notify{ title = "Back up: " .. P.url, body = "answering again" }
end
return { up = problem == nil, problem = problem, elapsed_ms = ok and answer.elapsed_ms or nil }
