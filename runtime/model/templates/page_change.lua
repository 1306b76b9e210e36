-- Page change: tells what was added to (or removed from) a page since the
-- last run. P holds the template's parameters; edit anything below.
local page = http.get(P.url)
if page.status >= 400 then error(P.url .. " answered " .. page.status) end
local doc = html.parse(page.body, P.url)

local function textOf(nodes)
  local parts = {}
  for _, node in ipairs(nodes) do
    parts[#parts + 1] = type(node) == "string" and node or node:text()
  end
  return table.concat(parts, "\n")
end

local text
if P.selector then
  local nodes = doc:select(P.selector)
  if #nodes == 0 then error("nothing on the page matches " .. P.selector) end
  text = textOf(nodes)
elseif P.xpath then
  local found = doc:xpath(P.xpath)
  text = type(found) == "table" and textOf(found) or tostring(found)
else
  text = doc:text()
end
if P.ignore_text then
  local kept = {}
  for line in (text .. "\n"):gmatch("(.-)\n") do
    if not line:find(P.ignore_text, 1, true) then kept[#kept + 1] = line end
  end
  text = table.concat(kept, "\n")
end

snapshot.save(text)
if ctx.last_snapshot == nil then return { first = true } end
local d = diff.lines(ctx.last_snapshot, text)
local lines = P.notify_on == "removed" and d.removed or d.added
local worth = (P.notify_on == "any" and d.changed) or #lines > 0
if worth and P.trigger_text then
  worth = table.concat(d.added, "\n"):find(P.trigger_text, 1, true) ~= nil
end
if worth then
  local shown = {}
  for i = 1, math.min(#lines, 5) do shown[i] = lines[i] end
  if #lines > 5 then shown[#shown + 1] = ("… and %d more"):format(#lines - 5) end
  local what = P.notify_on == "removed" and "Removed from " or "New on "
  if #lines == 0 then what, shown = "Changed: ", { "(lines were removed)" } end
  notify{ title = what .. P.url, body = table.concat(shown, "\n") }
end
return { changed = d.changed, added = d.added, removed = d.removed }
