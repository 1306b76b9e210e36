-- Value watch: follows one value of a page (a CSS selector) or of a JSON API
-- (a jq path), and tells when it changes, crosses a threshold or moves by a
-- percentage. P holds the template's parameters; edit anything below.
local page = http.get(P.url)
if page.status >= 400 then error(P.url .. " answered " .. page.status) end

local raw
if P.jq then
  raw = jq(page.body, P.jq)
else
  local node = html.parse(page.body, P.url):select_one(P.selector)
  if not node then error("nothing on the page matches " .. P.selector) end
  raw = node:text()
end
if raw == nil or raw == json.null then error("the value is not there") end

local value = raw
if P.kind == "number" then
  if type(raw) ~= "number" then
    -- "€ 1.299,00", "$1,299.00", "1 299.5": keep digits and separators, and
    -- read the last separator followed by 1–2 digits as the decimal point.
    local s = tostring(raw):gsub("[^%d,%.]", "")
    local whole, fraction = s:match("^(.-)[,%.](%d%d?)$")
    if whole then s = whole:gsub("[,%.]", "") .. "." .. fraction else s = s:gsub("[,%.]", "") end
    value = tonumber(s)
    if not value then error("not a number: " .. tostring(raw)) end
  end
else
  value = type(raw) == "string" and raw or json.encode(raw)
end

local last = ctx.last and ctx.last.value
local title, body
if P.notify == "above" and value > P.threshold and not (last and last > P.threshold) then
  title, body = "Above " .. P.threshold, tostring(value)
elseif P.notify == "below" and value < P.threshold and not (last and last < P.threshold) then
  title, body = "Below " .. P.threshold, tostring(value)
elseif P.notify == "change_pct" and last and last ~= 0
    and math.abs(value - last) / math.abs(last) * 100 >= P.percent then
  title, body = ("Moved by %.1f%%"):format((value - last) / math.abs(last) * 100),
      tostring(last) .. " → " .. tostring(value)
elseif P.notify == "change" and last ~= nil and value ~= last then
  title, body = "Changed", tostring(last) .. " → " .. tostring(value)
end
if title then notify{ title = title .. ": " .. P.url, body = body } end
return { value = value, snapshot = tostring(value) }
