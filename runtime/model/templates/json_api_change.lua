-- JSON API change: tells when the part of a JSON answer a jq path selects
-- changes. P holds the template's parameters; edit anything below.
local page = http.get(P.url, { headers = { Accept = "application/json" } })
if page.status >= 400 then error(P.url .. " answered " .. page.status) end
local value = jq(page.body, P.jq)
local text = json.encode(value == nil and json.null or value)
snapshot.save(text)
if ctx.last_snapshot ~= nil and ctx.last_snapshot ~= text then
  notify{ title = "Changed: " .. P.url, body = diff.words(ctx.last_snapshot, text).unified }
end
return { value = value, changed = ctx.last_snapshot ~= nil and ctx.last_snapshot ~= text }
