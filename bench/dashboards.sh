#!/usr/bin/env bash
# Issue #9's speed budget at 5 million cases: the company dashboard and estate dashboards (the queries of
# DashboardData, reading the KPI cells) against SELECT count(*) FROM cases measured in the same run (budget: each
# dashboard <= 0.25 x count(*)), and how soon a change to a case shows (budget: 60 s).
#   bench/dashboards.sh        (uses or loads the scale data set via bench/scale-data.sh; computes the cells if missing)
# Leaves the scale cluster running; stop it with: scripts/pg.sh stop .pgdata-scale
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT=${SCALE_PG_PORT:-55433}

# Starts the cluster, builds Ops (Release), migrates, and loads the scale set unless it is already there.
bench/scale-data.sh
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
status=0
dotnet src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll bench-dashboards || status=$?
echo "The scale cluster is still running; stop it with: scripts/pg.sh stop .pgdata-scale"
exit $status
