#!/usr/bin/env bash
# Owner pages against two yardsticks, in one run (issue #17, docs/decisions/ADR-010):
#   - the bare endpoint /bench/bare-cases: the same rows as the case list, a prepared raw Npgsql command, plain HTML;
#   - the anonymous sign-in page /Account/Login: the framework's floor (Razor, layout, antiforgery, no database).
# Each round runs wrk on the bare endpoint, the sign-in page and every owner page back to back (interleaved), and
# the ratios are taken within the round; the report gives the median over the rounds against the targets:
# case list >= 0.6 x bare and >= 0.2 x sign-in, every other owner page >= 0.15 x sign-in.
#   bench/portal.sh            (uses or loads the scale data set via bench/scale-data.sh)
#   ROUNDS=5 DURATION=10s THREADS=2 CONNECTIONS=16 OWNER=... bench/portal.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT=${SCALE_PG_PORT:-55433}
PORT=${BENCH_PORT:-5180}
DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-5}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
OWNER=${OWNER:-owner1.e0500@demo.ownerportal.cn}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

scripts/pg.sh start .pgdata-scale "$PG_PORT"
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
dotnet build src/Ops -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll migrate >/dev/null
q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d ownerportal -tAc "$1"; }
if [ "$(q "SELECT count(*) FROM users WHERE email = '$OWNER'")" != 1 ]; then
  if [ "$(q 'SELECT count(*) FROM estates')" != 0 ]; then
    echo "The scale data set predates demo accounts: reloading it."
    q "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
    dotnet src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll migrate >/dev/null
  fi
  bench/scale-data.sh
fi
echo "cases in the table: $(q 'SELECT count(*) FROM cases')"

dotnet build src/Portal -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
log=$(mktemp)
# Production, as deployed; the committed development client secret is refused there, so the bench brings its own.
(cd src/Portal && ASPNETCORE_ENVIRONMENT=Production Benchmark__BareEndpoint=true Mail__SenderEnabled=false RateLimits__AuthPerMinute=1000 Cookies__Secure=false \
  Oidc__Clients__0__ClientSecret="bench-$RANDOM$RANDOM" Logging__LogLevel__Default=Warning \
  exec dotnet bin/Release/net10.0/OwnerPortal.Portal.dll --urls "http://127.0.0.1:$PORT" >"$log" 2>&1) &
site=$!
jar=$(mktemp); page=$(mktemp)
trap 'kill $site 2>/dev/null || true; rm -f "$log" "$jar" "$page"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "the Portal did not start:" >&2; tail -20 "$log" >&2; exit 1; }

# Sign the owner in like a browser: fetch the form, post it with its anti-forgery token (the top bar's switches carry the
# same token, so the first is the sign-in form's).
curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/Account/Login" -o "$page"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$page" | head -1 | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$PORT/Account/Login" \
  --data-urlencode "Input.Email=$OWNER" --data-urlencode "Input.Password=Demo2026" --data-urlencode "__RequestVerificationToken=$token"
read_cookie() { cookie=$(awk '$6 ~ /^op\./ {printf "%s=%s; ", $6, $7}' "$jar"); }
read_cookie
# wrk sends the same cookie all along, but a browser keeps the one the site reissues when Identity revalidates the
# session (every 5 minutes): with a stale cookie every request would revalidate and reissue it, which halved the
# pages' rates from the fifth minute on. So the cookie is refreshed like a browser's before each measurement.
refresh_cookie() { curl -s -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$PORT/Account"; read_cookie; }

# The page and the bare endpoint must show the same cases, in the same order.
curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/Cases" -o "$page"
page_ids=$(grep -o 'href="/Cases/Detail/[0-9]*"' "$page" | grep -o '[0-9]*' | awk '!seen[$0]++' | tr '\n' ' ')
bare_ids=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/bench/bare-cases" | grep -o 'href="/Cases/Detail/[0-9]*"' | grep -o '[0-9]*' | tr '\n' ' ')
echo "signed in as $OWNER: the page lists $(wc -w <<<"$page_ids") cases, the bare endpoint $(wc -w <<<"$bare_ids")"
[ -n "$page_ids" ] && [ "$page_ids" = "$bare_ids" ] || { echo "the two do not show the same rows: page [$page_ids] bare [$bare_ids]" >&2; exit 1; }
case_id=${page_ids%% *}

names=(home cases case notices account)
paths=("/" "/Cases" "/Cases/Detail/$case_id" "/Notices" "/Account")
for p in "${paths[@]}"; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$PORT$p")
  [ "$code" = 200 ] || { echo "$p answers $code for the signed-in owner" >&2; exit 1; }
done

# req/s of one URL; the sign-in page is fetched without the cookie (anonymous).
rate() { if [ "$1" = anon ]; then wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$2"; else wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $cookie" "$2"; fi \
  | awk '/Non-2xx/ {bad=1} /Requests\/sec/ {r=$2} END {if (bad) print "ERR"; else print r}'; }
base="http://127.0.0.1:$PORT"
for p in /bench/bare-cases "${paths[@]}"; do rate owner "$base$p" >/dev/null; done; rate anon "$base/Account/Login" >/dev/null  # warm up

results=$(mktemp); trap 'kill $site 2>/dev/null || true; rm -f "$log" "$jar" "$page" "$results"' EXIT
echo "$ROUNDS rounds, wrk -t$THREADS -c$CONNECTIONS -d$DURATION per URL"
for round in $(seq 1 "$ROUNDS"); do
  refresh_cookie
  bare=$(rate owner "$base/bench/bare-cases"); signin=$(rate anon "$base/Account/Login")
  line="round $round: bare $bare, sign-in $signin"
  for i in "${!paths[@]}"; do
    refresh_cookie; r=$(rate owner "$base${paths[$i]}")
    [ "$r" != ERR ] && [ "$bare" != ERR ] && [ "$signin" != ERR ] || { echo "non-2xx answers in round $round (${paths[$i]})" >&2; exit 1; }
    echo "${names[$i]} $r $bare $signin" >>"$results"
    line+=", ${names[$i]} $r"
  done
  echo "$line req/s"
done

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
printf '%-8s %10s %9s %9s  %s\n' page "req/s" "x bare" "x sign-in" "target"
fail=0
for name in "${names[@]}"; do
  rps=$(awk -v n="$name" '$1 == n {print $2}' "$results" | median)
  vb=$(awk -v n="$name" '$1 == n {printf "%.3f\n", $2 / $3}' "$results" | median)
  vs=$(awk -v n="$name" '$1 == n {printf "%.3f\n", $2 / $4}' "$results" | median)
  if [ "$name" = cases ]; then target=">= 0.6 x bare, >= 0.2 x sign-in"; ok=$(awk -v b="$vb" -v s="$vs" 'BEGIN {print (b >= 0.6 && s >= 0.2)}')
  else target=">= 0.15 x sign-in"; ok=$(awk -v s="$vs" 'BEGIN {print (s >= 0.15)}'); fi
  [ "$ok" = 1 ] && verdict=met || { verdict="NOT met"; fail=1; }
  printf '%-8s %10.0f %9.3f %9.3f  %s: %s\n' "$name" "$rps" "$vb" "$vs" "$target" "$verdict"
done
echo "medians of $ROUNDS rounds; bare $(awk '{print $3}' "$results" | median) req/s, sign-in $(awk '{print $4}' "$results" | median) req/s"
[ "$fail" = 0 ] || echo "some targets are not met (on a busy machine the ratios fall; rerun on a quiet one)"
