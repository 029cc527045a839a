#!/usr/bin/env bash
# Measures the built image without building anything: wall time of `--version` (median and spread over
# N runs), peak RSS, and the image size. Usage: bench/startup.sh [N]  (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
image=dist/target/entra-auth-cli
cli=$image/bin/entra-auth-cli
[ -x "$cli" ] || { echo "no image: run ./mvnw -B -DskipTests package first" >&2; exit 1; }
runs=${1:-10}
"$cli" --version >/dev/null   # warm the file cache once
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N); "$cli" --version >/dev/null; end=$(date +%s%N)
  times+=($(( (end - start) / 1000000 )))
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(printf '%s\n' "$sorted" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
min=$(printf '%s\n' "$sorted" | head -1); max=$(printf '%s\n' "$sorted" | tail -1)
rss=$(/usr/bin/time -f %M "$cli" --version 2>&1 >/dev/null | tail -1)
echo "machine:        $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sm)"
echo "date:           $(date -u +%Y-%m-%dT%H:%MZ)"
echo "--version:      median ${median} ms (min ${min}, max ${max}) over ${runs} runs"
echo "peak RSS:       ${rss} KB"
echo "image on disk:  $(du -sh "$image" | cut -f1)"
echo "image .tar.gz:  $(tar -C "$(dirname "$image")" -czf - "$(basename "$image")" | wc -c | awk '{printf "%.1f MB", $1/1048576}')"
