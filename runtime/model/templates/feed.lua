-- Feed: tells about the new items of an RSS, Atom or JSON feed, once each.
-- P holds the template's parameters; edit anything below.
local page = http.get(P.url)
if page.status >= 400 then error(P.url .. " answered " .. page.status) end
local items = feed.parse(page.body)
local wanted = {}
for _, item in ipairs(items) do
  local text = ((item.title or "") .. "\n" .. (item.summary or "")):lower()
  if not P.keyword or text:find(P.keyword:lower(), 1, true) then wanted[#wanted + 1] = item end
end
local new = feed.new_items(wanted)
for i, item in ipairs(new) do
  if i > 5 then
    notify{ title = ("%d more new items"):format(#new - 5), body = P.url }
    break
  end
  notify{ title = item.title or item.link or "New item", body = item.summary or item.link or "" }
end
local titles = {}
for i, item in ipairs(new) do titles[i] = item.title or item.link or item.id end
return { new = titles }
