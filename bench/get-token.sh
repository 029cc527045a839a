#!/usr/bin/env bash
# Measures get-token from the built image against the standalone Entra ID emulator, building nothing:
# (a) a cached get-token, (b) a first token (--force: one client-credentials request), (c) peak RSS of each.
# Needs: ./mvnw -B -DskipTests package (the image and testkit/target/entra-auth-testkit-standalone.jar).
# Usage: bench/get-token.sh [RUNS]  (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
cli=dist/target/entra-auth-cli/bin/entra-auth-cli
jar=testkit/target/entra-auth-testkit-standalone.jar
[ -x "$cli" ] && [ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
runs=${1:-20}
work=$(mktemp -d)
trap 'kill "$emulator" 2>/dev/null || true; rm -rf "$work"' EXIT
"$java" -jar "$jar" --state-dir "$work/emulator" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 100); do [ -f "$work/emulator/emulator.json" ] && break; sleep 0.1; done
state="$work/emulator/emulator.json"
field() { python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    d = d[k]
print(d)' "$state" "$@"; }
export ENTRA_AUTH_CLI_HOME="$work/home" ENTRA_AUTH_CLI_PASSPHRASE="bench passphrase" ENTRA_AUTH_CLI_CA_BUNDLE="$work/emulator/ca.pem"
secret=$(field confidentialApp clientSecret)
printf '%s\n' "$secret" | "$cli" config create --no-prompt --name bench --tenant-id "$(field tenantId)" \
  --client-id "$(field confidentialApp clientId)" --secret-stdin --authority-host "$(field baseUrl)" \
  --scope https://graph.microsoft.com/.default >/dev/null 2>&1

measure() {   # label, runs, command...
  local label=$1 n=$2; shift 2
  local times=()
  for _ in $(seq "$n"); do
    local start end; start=$(date +%s%N); "$@" >/dev/null 2>&1; end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{a[NR]=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%-22s median %d ms (min %d, max %d) over %d runs\n", label, m, a[1], a[NR], NR }'
  local rss; rss=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1)
  printf '%-22s peak RSS %s KB\n' "$label" "$rss"
}
"$cli" get-token -p bench --silent >/dev/null    # warm the cache and the file system
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sm); $(date -u +%Y-%m-%dT%H:%MZ)"
measure "cached get-token" "$runs" "$cli" get-token -p bench --silent
measure "first token (--force)" $(( runs / 2 > 5 ? runs / 2 : 5 )) "$cli" get-token -p bench --silent --force
measure "--version" 10 "$cli" --version
