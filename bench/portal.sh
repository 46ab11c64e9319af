#!/usr/bin/env bash
# The owner's case list page (20 rows, full layout) against a bare endpoint in the same app that reads the same 20
# rows with raw Npgsql: 5 interleaved wrk pairs, median throughput ratio (target: the page reaches >= 0.5).
#   bench/portal.sh            (uses or loads the scale data set via bench/scale-data.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT=${SCALE_PG_PORT:-55433}
PORT=${BENCH_PORT:-5180}
DURATION=${DURATION:-10s}
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
(cd src/Portal && ASPNETCORE_ENVIRONMENT=Production Benchmark__BareEndpoint=true Mail__SenderEnabled=false RateLimits__AuthPerMinute=1000 Cookies__Secure=false \
  Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/OwnerPortal.Portal.dll --urls "http://127.0.0.1:$PORT" >"$log" 2>&1) &
site=$!
trap 'kill $site 2>/dev/null || true; rm -f "$log" "$jar" "$page"' EXIT
jar=$(mktemp); page=$(mktemp)
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

# Sign the owner in like a browser: fetch the form, post it with its anti-forgery token.
curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/Account/Login" -o "$page"
token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' "$page" | sed 's/.*value="//; s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null "http://127.0.0.1:$PORT/Account/Login" \
  --data-urlencode "Input.Email=$OWNER" --data-urlencode "Input.Password=Demo2026" --data-urlencode "__RequestVerificationToken=$token"
cookie=$(awk '$6 ~ /^op\./ {printf "%s=%s; ", $6, $7}' "$jar")
rows=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/Cases" | grep -c 'class="case-row' || true)
bare=$(curl -s -H "Cookie: $cookie" "http://127.0.0.1:$PORT/bench/bare-cases" | grep -o '<li>' | wc -l)
echo "signed in as $OWNER: the page lists $rows cases, the bare endpoint $bare"
[ "$rows" -gt 0 ] && [ "$rows" = "$bare" ] || { echo "the two do not show the same rows" >&2; exit 1; }

rate() { wrk -t2 -c16 -d"$DURATION" -H "Cookie: $cookie" "$1" | awk '/Requests\/sec/ {print $2}'; }
rate "http://127.0.0.1:$PORT/Cases" >/dev/null; rate "http://127.0.0.1:$PORT/bench/bare-cases" >/dev/null  # warm up
ratios=()
for i in 1 2 3 4 5; do
  p=$(rate "http://127.0.0.1:$PORT/Cases"); b=$(rate "http://127.0.0.1:$PORT/bench/bare-cases")
  r=$(awk -v p="$p" -v b="$b" 'BEGIN {printf "%.3f", p / b}')
  echo "pair $i: page $p req/s, bare $b req/s, ratio $r"
  ratios+=("$r")
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n 3p)
echo "median ratio page/bare: $median (target >= 0.5)"
