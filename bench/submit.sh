#!/usr/bin/env bash
# The owner's case submit (issue #17 item 3): the POST of /Cases/New as a browser sends it (the form's anti-forgery
# token, validation, a fresh idempotency key and staging token per submit, multipart) against a bare endpoint in the
# same Portal that writes the same rows with raw Npgsql in one transaction (/bench/bare-submit: reference number,
# case, timeline entry; the cases trigger marks the estate's KPI cells dirty for both). Each run: 16 owners
# signed in, each posting back to back (closed loop), either 16 owners of ONE estate or one owner in each of 16
# estates; the page without and with a photo; and one owner alone. PAIRS interleaved rounds, medians printed with the
# ratios (targets: page without photo >= 0.3 x bare; 16 estates in parallel >= 1.5 x one estate's owner alone; 16
# estates about equal to 16 owners of one estate, which shows that an estate's submits do not queue on each other).
#   bench/submit.sh                     DURATION=10 PAIRS=3 by default
# Uses its own cluster (.pgdata-submit, port 55438; 16 estates, 16 owner accounts in the first), not the 5 M set:
# that one has two owner accounts per estate and is only written through the sites.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT=${SUBMIT_PG_PORT:-55438}
PG_DIR=${SUBMIT_PG_DIR:-.pgdata-submit}
PORT=${BENCH_PORT:-5181}
DURATION=${DURATION:-10}
PAIRS=${PAIRS:-3}
OUT=.run/bench-submit/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"

scripts/pg.sh start "$PG_DIR" "$PG_PORT"
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
q() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d ownerportal -tAc "$1"; }
dotnet build src/Ops -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
ops() { dotnet src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll "$@"; }
ops migrate >/dev/null
[ "$(q 'SELECT count(*) FROM estates')" != 0 ] || ops seed --estates 16 --units-per-estate 100 --cases 50000
# Fourteen more owner accounts in estate E0001 (the loader makes two per estate), with the demo password's hash.
q "INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash, security_stamp,
     concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count, full_name,
     must_change_password, created_at)
   SELECT 'demo-owner-' || x.person_id, x.email, upper(x.email), x.email, upper(x.email), true, h.password_hash, upper(md5('stamp-o' || x.person_id)),
     md5('co' || x.person_id), p.phone, false, false, true, 0, p.full_name, false, now()
   FROM (SELECT m.person_id, 'owner' || row_number() OVER (ORDER BY u.id) || '.e0001@demo.ownerportal.cn' AS email
         FROM unit_memberships m JOIN units u ON u.id = m.unit_id JOIN estates e ON e.id = u.estate_id
         WHERE e.code = 'E0001' AND m.relation = 0 AND m.revoked_at IS NULL) x
   JOIN people p ON p.id = x.person_id
   CROSS JOIN (SELECT password_hash FROM users WHERE email = 'owner1.e0001@demo.ownerportal.cn') h
   WHERE x.email ~ '^owner([3-9]|1[0-6])\\.' ON CONFLICT DO NOTHING;
   UPDATE people p SET user_id = u.id, email = u.email, active_unit_id = m.unit_id
   FROM users u, unit_memberships m WHERE u.id = 'demo-owner-' || p.id AND m.person_id = p.id AND m.relation = 0 AND m.revoked_at IS NULL
     AND p.user_id IS NULL;" >/dev/null
one_estate=$(seq -f 'owner%g.e0001@demo.ownerportal.cn' 1 16 | paste -sd,)
many_estates=$(for i in $(seq 1 16); do printf 'owner1.e%04d@demo.ownerportal.cn\n' "$i"; done | paste -sd,)
[ "$(q "SELECT count(*) FROM users WHERE email IN ('$(echo "$one_estate" | sed "s/,/','/g")')")" = 16 ] \
  || { echo "the 16 owner accounts of E0001 are missing" >&2; exit 1; }

dotnet build src/Portal -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
# Development: Production refuses the committed demo secrets (Core/Web/DevelopmentSecrets.cs).
(cd src/Portal && ASPNETCORE_ENVIRONMENT=Development Benchmark__BareEndpoint=true Mail__SenderEnabled=false \
  RateLimits__AuthPerMinute=1000 Cookies__Secure=false Storage__AttachmentsPath="$PWD/../../$OUT/attachments" \
  Logging__LogLevel__Default=Warning exec dotnet bin/Release/net10.0/OwnerPortal.Portal.dll --urls "http://127.0.0.1:$PORT" >"../../$OUT/portal.log" 2>&1) &
site=$!
trap 'kill $site 2>/dev/null || true; wait $site 2>/dev/null; scripts/pg.sh stop "$PG_DIR" >/dev/null' EXIT  # the cluster keeps its data for the next run
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { tail -5 "$OUT/portal.log" >&2; exit 1; }

# run NAME OWNERS PATH PHOTO: one closed-loop run; prints its req/s (successful submits per second)
run() {
  local line
  line=$(ops bench-submit --portal "http://127.0.0.1:$PORT" --owners "$2" --path "$3" --photo "$4" --duration "$DURATION" --out "$OUT/$1") \
    || { echo "$1: $line" >&2; exit 1; }
  echo "$1 $line" >>"$OUT/runs.txt"
  echo "$line" | sed 's/.* rps=\([0-9.]*\).*/\1/'
}
run warmup "$many_estates" /Cases/New 0 >/dev/null; run warmup "$many_estates" /bench/bare-submit 0 >/dev/null
declare -A rates
kinds="page-solo bare-1 page-1 photo-1 bare-16 page-16 photo-16"
solo=${one_estate%%,*}
for i in $(seq 1 "$PAIRS"); do
  for k in $kinds; do
    case $k in *-solo) owners=$solo ;; *-1) owners=$one_estate ;; *) owners=$many_estates ;; esac
    case $k in bare-*) path=/bench/bare-submit photo=0 ;; page-*) path=/Cases/New photo=0 ;; photo-*) path=/Cases/New photo=1 ;; esac
    rates[$k]="${rates[$k]:-} $(run "$k-$i" "$owners" "$path" "$photo")"
  done
  echo "round $i: $(for k in $kinds; do printf '%s %s  ' "$k" "$(echo "${rates[$k]}" | awk '{print $NF}')"; done)"
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A m
for k in $kinds; do m[$k]=$(echo "${rates[$k]}" | median); done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
cat <<REPORT
median submits/s over $PAIRS rounds of ${DURATION}s (closed loop):
                      one owner   16 owners of one estate   one owner in each of 16 estates
  bare insert                     ${m[bare-1]}   ${m[bare-16]}
  page, no photo      ${m[page-solo]}   ${m[page-1]}   ${m[page-16]}
  page, with photo                ${m[photo-1]}   ${m[photo-16]}
page without photo / bare:  one estate $(ratio "${m[page-1]}" "${m[bare-1]}"), 16 estates $(ratio "${m[page-16]}" "${m[bare-16]}")  (target >= 0.3)
16 estates in parallel / one estate's owner alone: page $(ratio "${m[page-16]}" "${m[page-solo]}")  (target >= 1.5)
16 estates / 16 owners of one estate: page $(ratio "${m[page-16]}" "${m[page-1]}"), bare $(ratio "${m[bare-16]}" "${m[bare-1]}")  (about 1: one estate's submits do not queue behind each other)
files: $OUT
REPORT
