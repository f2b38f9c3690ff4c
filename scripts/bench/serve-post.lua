-- wrk script for scripts/bench/serve-wrk.sh: posts realistic pages of the ESEM form, each with
-- the valid CSRF token of its response, spreading requests over many responses.
--   wrk ... -s serve-post.lua URL -- TOKENS.lua THREADS [MODE]
-- TOKENS.lua (written by serve-fixture) returns {{token, csrf}, ...}. Each post alternates between
-- the "respondent" page (4 answers) and the "organisation" page (8 answers) with changing values,
-- so every post is checked and saves something. MODE "posts" (the default) sends posts only;
-- MODE "pages" follows every post with a GET of the address its 303 names, as a browser does: the
-- page after the one posted, "organisation" (/t/TOKEN/3) or "mission" (/t/TOKEN/4), so that two
-- requests make one page a respondent fills in.
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  tokens = dofile(args[1])
  threads = tonumber(args[2]) or 1
  pages = args[3] == "pages"
  counter = 0
  posted = nil
end

local roles = {"founder", "ceo", "board", "employee"}
local stages = {"idea", "startup", "growth", "established"}

function request()
  if pages and posted then
    local path = posted
    posted = nil
    return wrk.format("GET", path)
  end
  local sequence = counter * threads + id
  counter = counter + 1
  local n = #tokens
  local entry = tokens[(sequence % n) + 1]
  local round = math.floor(sequence / n)
  local body
  local following
  if round % 2 == 0 then
    following = "/3"
    body = "samla.csrf=" .. entry[2] .. "&samla.page=respondent&samla.lang=sv"
      .. "&resp_role=" .. roles[(round % 4) + 1] .. "&registered=yes"
      .. "&prio_fin=" .. (round % 11) .. "&prio_imp=" .. ((round + 3) % 11)
      .. "&samla.action=next"
  else
    following = "/4"
    body = "samla.csrf=" .. entry[2] .. "&samla.page=organisation&samla.lang=sv"
      .. "&legal_form=ekonomisk_forening&year_founded=" .. (1990 + round % 30)
      .. "&stage=" .. stages[(round % 4) + 1] .. "&region=M&scope=local&scope=regional&sector=Q"
      .. "&sdg=3&sdg=8&customers=public&samla.action=next"
  end
  if pages then posted = "/t/" .. entry[1] .. following end
  return wrk.format("POST", "/t/" .. entry[1], {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

function done(summary, latency, requests)
  local other = summary.errors.status
  io.write(string.format("bench: %d requests, %d non-2xx/3xx, %d socket errors, %.0f requests/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, other, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
