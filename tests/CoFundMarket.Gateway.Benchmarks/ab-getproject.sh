#!/usr/bin/env bash
# A/B of GetProject on two builds of the gateway, alternating, each started the way a user starts it: a fresh working
# directory (so ./data is new and seeded), a token from `cofund token`, h2load -c 4 -m 16 with the token, 200,000
# warm-up requests, then the measured ones; the gateway's CPU per request from /proc/<pid>/stat.
# Usage: ab-getproject.sh <gateway A dir> <gateway B dir> [pairs=4] [requests=300000]
#   Build each side with `dotnet build -c Release src/CoFundMarket.Gateway` (a git worktree for the other commit) and
#   pass the bin/Release/net10.0 directories. Needs h2load (nghttp2-client) and ports 5080/5081 free.
set -euo pipefail
a=$1; b=$2; pairs=${3:-4}; requests=${4:-300000}
here=$(cd "$(dirname "$0")" && pwd)
cli="$here/../../src/CoFundMarket.Cli/bin/Release/net10.0/cofund"
[ -x "$cli" ] || dotnet build -c Release "$here/../../src/CoFundMarket.Cli" --verbosity quiet
command -v h2load >/dev/null || { echo "h2load not found: apt-get install nghttp2-client"; exit 1; }
body=$(mktemp)
# One gRPC frame: uncompressed, 23-byte GetProjectRequest { project_id = "demo-dosing-reference" }.
printf '\x00\x00\x00\x00\x17\x0a\x15demo-dosing-reference' > "$body"

measure() {
  local label=$1 dir=$2 work pid token out before after
  work=$(mktemp -d)
  (cd "$work" && exec dotnet "$dir/CoFundMarket.Gateway.dll" >gateway.log 2>&1) &
  pid=$!
  for _ in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:5081/health && break; sleep 0.5; done
  token=$(cd "$work" && "$cli" token --role org_lead --org RTE)
  load() { h2load -n "$1" -c 4 -m 16 -t 1 -d "$body" -H "content-type: application/grpc" -H "te: trailers" \
    -H "authorization: Bearer $token" http://127.0.0.1:5080/cofund.v1.ProjectService/GetProject; }
  load 200000 >/dev/null
  before=$(awk '{print $14 + $15}' /proc/$pid/stat)
  out=$(load "$requests")
  after=$(awk '{print $14 + $15}' /proc/$pid/stat)
  echo "$label $(grep -oP 'finished in .*?, \K[\d.]+(?= req/s)' <<<"$out") req/s, $(awk -v t=$((after - before)) -v n="$requests" 'BEGIN { printf "%.2f", t * 10000 / n }') us/req, $(grep -oP '\d+ succeeded, \d+ failed' <<<"$out")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
}

for _ in $(seq 1 "$pairs"); do
  measure A "$a"
  measure B "$b"
done
rm -f "$body"
