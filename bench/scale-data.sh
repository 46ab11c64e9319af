#!/usr/bin/env bash
# Loads the scale data set into its own cluster (.pgdata-scale/, port 55433) and prints the rows/s reached:
#   bench/scale-data.sh [--estates 1000] [--units-per-estate 1000] [--cases 5000000]
# With no options: 1,000 estates, 1,000,000 households, 5,000,000 cases. If the cluster already holds data it
# is reused (the loader never duplicates); delete .pgdata-scale/ to measure a fresh load.
# Leaves the cluster running for the other benchmarks; stop it with: scripts/pg.sh stop .pgdata-scale
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT=${SCALE_PG_PORT:-55433}
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--estates 1000 --units-per-estate 1000 --cases 5000000)

scripts/pg.sh start .pgdata-scale "$PG_PORT"
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PG_PORT;Database=ownerportal;Username=postgres"
dotnet build src/Ops -c Release -nologo -v quiet -clp:ErrorsOnly
ops=src/Ops/bin/Release/net10.0/OwnerPortal.Ops.dll
dotnet "$ops" migrate
start=$(date +%s)
dotnet "$ops" seed "${args[@]}"
echo "wall time: $(( $(date +%s) - start )) s"
