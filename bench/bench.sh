#!/usr/bin/env bash
# Measures the built image side by side, building nothing (run after the README's build:
# ./mvnw -B -DskipTests package). In one run, against the testkit's Entra ID emulator on loopback, started here:
#   cached get-token --silent (median and spread), per secret store available here, and with --output json
#   first token (--force: one client-credentials request each)
#   --version, config list, inspect (a token on stdin, and a profile's cached token)
#   50 concurrent cached get-token calls against one
#   peak RSS of each, the image on disk and as .tar.gz, the machine's load average before and after
#   the JVM floor (the image's java -version with the image's archive options) and, when a JDK is at hand, the
#   Argon2id derivation of the encrypted-file store alone
#   and, when Azure CLI (`az`) is installed, its cached `az account get-access-token` against the same emulator,
#   logged in as a service principal in a custom cloud, with the ratio.
# Usage: bench/bench.sh [RUNS]   (default 20; first token and az use RUNS/2, at least 10)
# Needs: python3 (timing: wall from spawn to exit, CPU and peak RSS per process from wait4), tar, gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
image=dist/target/entra-auth-cli
cli=$PWD/$image/bin/entra-auth-cli
jar=testkit/target/entra-auth-testkit-standalone.jar
[ -x "$cli" ] && [ -f "$jar" ] || { echo "build first: ./mvnw -B -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
runs=${1:-20}
few=$(( runs / 2 > 10 ? runs / 2 : 10 ))
work=$(mktemp -d)
emulator=
cleanup() {
  if [ -n "$emulator" ]; then kill "$emulator" 2>/dev/null || true; wait "$emulator" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
export BENCH_LAST="$work/last-median"

# measure LABEL RUNS [--stdin FILE] [--concurrent N] -- COMMAND...: one line of figures.
measure() {
  python3 - "$@" <<'PY'
import os, statistics, sys, time
args = sys.argv[1:]
label, runs = args[0], int(args[1]); args = args[2:]
stdin, concurrent = None, 1
while args[0] != "--":
    if args[0] == "--stdin": stdin = args[1]
    if args[0] == "--concurrent": concurrent = int(args[1])
    args = args[2:]
command = args[1:]
def once():
    start = time.perf_counter(); pids = []
    for _ in range(concurrent):
        pid = os.fork()
        if pid == 0:
            fd = os.open(stdin or os.devnull, os.O_RDONLY); os.dup2(fd, 0)
            null = os.open(os.devnull, os.O_WRONLY); os.dup2(null, 1); os.dup2(null, 2)
            try: os.execvp(command[0], command)
            finally: os._exit(127)
        pids.append(pid)
    cpu, rss, failed = 0.0, 0, 0
    for pid in pids:
        _, status, usage = os.wait4(pid, 0)
        failed += os.waitstatus_to_exitcode(status) != 0
        cpu += usage.ru_utime + usage.ru_stime; rss = max(rss, usage.ru_maxrss)
    return (time.perf_counter() - start) * 1000, cpu * 1000 / concurrent, rss, failed
results = [once() for _ in range(runs)]
wall = sorted(r[0] for r in results); cpu = [r[1] for r in results]
failed = sum(r[3] for r in results)
q = lambda p: wall[min(len(wall) - 1, int(p * len(wall)))]
with open(os.environ["BENCH_LAST"], "w") as last:
    print(statistics.median(wall), statistics.median(cpu), file=last)
print(f"{label:<44} median {statistics.median(wall):6.0f} ms  min {wall[0]:5.0f}  p90 {q(0.9):5.0f}  max {wall[-1]:5.0f}"
      f"  cpu {statistics.median(cpu):5.0f} ms  peak RSS {max(r[2] for r in results) / 1024:5.1f} MB  runs {runs}"
      + (f"  FAILED {failed}" if failed else ""))
PY
}

load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sm), $(. /etc/os-release && echo "$PRETTY_NAME")"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ); load average at start: $(load)"
echo "image:   $("$cli" --version | tr '\n' ' ')"
echo "JVM flags: $("$PWD/$image/bin/java" -XX:+PrintCommandLineFlags -version 2>/dev/null | head -1)"
echo "launcher adds: $(grep -E '^\s+-XX|^\s+-X' "$cli" | tr -d '\\' | tr -s ' \n' ' ')"

"$java" -jar "$jar" --state-dir "$work/emulator" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 300); do [ -f "$work/emulator/emulator.json" ] && break; sleep 0.1; done
field() { python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
for k in sys.argv[2:]:
    d = d[k]
print(d)' "$work/emulator/emulator.json" "$@"; }
export ENTRA_AUTH_CLI_HOME="$work/home" ENTRA_AUTH_CLI_PASSPHRASE="bench passphrase" \
  ENTRA_AUTH_CLI_CA_BUNDLE="$work/emulator/ca.pem"
unset ENTRA_AUTH_CLI_PROFILE ENTRA_AUTH_CLI_STORE
tenant=$(field tenantId) client=$(field confidentialApp clientId) secret=$(field confidentialApp clientSecret)
authority=$(field baseUrl)
printf '%s' "$secret" | "$cli" config create --no-prompt --name bench --tenant-id "$tenant" --client-id "$client" \
  --secret-stdin --authority-host "$authority" --scope https://graph.microsoft.com/.default >/dev/null 2>&1
"$cli" get-token -p bench --silent >"$work/token"          # the first token, now cached
"$cli" get-token -p bench --silent >/dev/null               # warm the file system cache

echo
echo "== entra-auth-cli (encrypted-file store: Argon2id 19 MiB x 2 passes per process, passphrase from the environment)"
measure "cached get-token --silent" "$runs" -- "$cli" get-token -p bench --silent
measure "cached get-token --output json" "$runs" -- "$cli" get-token -p bench --output json
measure "first token (--force, client credentials)" "$few" -- "$cli" get-token -p bench --silent --force
measure "--version" "$runs" -- "$cli" --version
measure "config list (no secret store)" "$runs" -- "$cli" config list
measure "inspect - (a token on stdin)" "$runs" --stdin "$work/token" -- "$cli" inspect -
measure "inspect -p (the profile's cached token)" "$runs" -- "$cli" inspect -p bench
measure "1 cached get-token (for the ratio)" 10 -- "$cli" get-token -p bench --silent
read -r one one_cpu <"$BENCH_LAST"
measure "50 concurrent cached get-token (all of them)" 5 --concurrent 50 -- "$cli" get-token -p bench --silent
read -r fifty _ <"$BENCH_LAST"
python3 -c "print(f'50 concurrent / 1: {$fifty / $one:.1f}x (goal: at most 3x); the CPU alone needs 50 x {$one_cpu:.0f} ms / $(nproc) cores = {50 * $one_cpu / $(nproc):.0f} ms = {50 * $one_cpu / $(nproc) / $one:.1f}x one call')"

echo
echo "== secret stores (cached get-token --silent, each store this machine offers)"
"$cli" plugins --output json >"$work/plugins.json" 2>/dev/null || true
python3 - "$work/plugins.json" >"$work/stores" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except Exception:
    sys.exit(0)
for store in data.get("stores", data.get("secretStores", [])):
    print(store.get("id"), "available" if store.get("available") else "unavailable:", store.get("availability", ""))
PY
while read -r id state reason; do
  if [ "$state" = available ]; then
    ENTRA_AUTH_CLI_STORE=$id "$cli" get-token -p bench --silent >/dev/null 2>&1 || true   # its own first token
    ENTRA_AUTH_CLI_STORE=$id measure "cached get-token, store $id" "$runs" -- "$cli" get-token -p bench --silent
  else
    echo "store $id: not measured, $state $reason"
  fi
done <"$work/stores"

if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  # The desktop keyring in a private D-Bus session (its files in the throwaway directory): the secret-service store,
  # and the encrypted-file store whose key the keyring then keeps (no Argon2id), each with its own profile.
  export -f measure
  export cli runs tenant client secret authority work
  HOME="$work/keyring-home" XDG_DATA_HOME="$work/keyring-home/data" dbus-run-session -- bash -c '
    mkdir -p "$XDG_DATA_HOME"
    printf "%s" "bench keyring" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    for store in secret-service encrypted-file; do
      export ENTRA_AUTH_CLI_STORE=$store ENTRA_AUTH_CLI_HOME="$work/home-$store"
      unset ENTRA_AUTH_CLI_PASSPHRASE
      printf "%s" "$secret" | "$cli" config create --no-prompt --name bench --tenant-id "$tenant" --client-id "$client" \
        --secret-stdin --authority-host "$authority" --scope https://graph.microsoft.com/.default >/dev/null 2>"$work/keyring.err"
      if "$cli" get-token -p bench --silent >/dev/null 2>>"$work/keyring.err"; then
        measure "cached get-token, $store, D-Bus keyring" "$runs" -- "$cli" get-token -p bench --silent
      else
        echo "store $store with the keyring: not measured: $(tail -1 "$work/keyring.err")"
      fi
    done'
fi

echo
echo "== what stands in the way"
measure "JVM floor: the image's java -version" "$runs" -- "$PWD/$image/bin/java" -XX:+UseSerialGC \
  -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile="$PWD/$image/lib/entra-auth-cli.jsa" -Xlog:aot*=off,cds*=off -version
bcprov=$(ls dist/target/modules/bcprov-*.jar 2>/dev/null | head -1)
if [ -n "$bcprov" ] && [ -x "${java%/java}/javac" ]; then
  cat >"$work/Argon2Cost.java" <<'JAVA'
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
public class Argon2Cost {   // the encrypted-file store's derivation: Argon2id, 19 MiB, 2 passes, 1 lane
    public static void main(String[] args) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(new byte[16])
                .withMemoryAsKB(19 * 1024).withIterations(2).withParallelism(1).build());
        byte[] key = new byte[32];
        long start = System.nanoTime();   // the derivation only, in a fresh JVM (classes loaded, nothing compiled)
        generator.generateBytes("bench passphrase".toCharArray(), key);
        System.out.println((System.nanoTime() - start) / 1_000_000);
    }
}
JAVA
  "${java%/java}/javac" -d "$work/classes" -cp "$bcprov" "$work/Argon2Cost.java"
  for jit in "-XX:TieredStopAtLevel=1" "-XX:+TieredCompilation"; do
    times=$(for _ in $(seq 7); do "$java" -XX:+UseSerialGC $jit -cp "$work/classes:$bcprov" Argon2Cost; done | sort -n)
    echo "Argon2id derivation alone ($jit, one per fresh JVM, 7 runs): median $(echo "$times" | sed -n 4p) ms, min $(echo "$times" | head -1) ms"
  done
fi

if command -v az >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1; then
  echo
  echo "== Azure CLI $(az version --query '"azure-cli"' -o tsv 2>/dev/null) against the same emulator (custom cloud, service principal)"
  # az logs in to the emulator's authority; after the token it lists subscriptions at the cloud's resource manager,
  # which the emulator does not serve: a stand-in on loopback answers every GET with an empty list.
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/arm.key" -out "$work/arm.pem" -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
  cat "$work/emulator/ca.pem" "$work/arm.pem" >"$work/az-ca.pem"
  cat >"$work/arm.py" <<'PY'
import http.server, ssl, sys
class EmptyLists(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b'{"value": []}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EmptyLists)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(sys.argv[1], sys.argv[2])
server.socket = context.wrap_socket(server.socket, server_side=True)
print(server.server_address[1], flush=True)
server.serve_forever()
PY
  python3 "$work/arm.py" "$work/arm.pem" "$work/arm.key" >"$work/arm.port" 2>/dev/null &
  arm=$!
  for _ in $(seq 50); do [ -s "$work/arm.port" ] && break; sleep 0.1; done
  export AZURE_CONFIG_DIR="$work/az" REQUESTS_CA_BUNDLE="$work/az-ca.pem" AZURE_CORE_COLLECT_TELEMETRY=no
  mkdir -p "$work/az-site"
  # az 2.45 asks login.microsoftonline.com for instance discovery of a custom cloud's authority, a knob it does
  # not expose: make msal's ClientApplication skip it, so az logs in to the local authority and caches its token.
  cat >"$work/az-site/sitecustomize.py" <<'PY'
try:
    import msal.application
except ImportError:   # a Python without msal (this script's own helpers): nothing to change
    msal = None
if msal is not None:
    _init = msal.application.ClientApplication.__init__
    def _local_authority(self, *args, **kwargs):
        kwargs["validate_authority"] = False
        _init(self, *args, **kwargs)
    msal.application.ClientApplication.__init__ = _local_authority
PY
  export PYTHONPATH="$work/az-site${PYTHONPATH:+:$PYTHONPATH}"
  az cloud register -n EntraEmulator --endpoint-active-directory "$authority" \
    --endpoint-active-directory-resource-id https://graph.microsoft.com/ \
    --endpoint-active-directory-graph-resource-id https://graph.microsoft.com/ \
    --endpoint-management https://graph.microsoft.com/ \
    --endpoint-resource-manager "https://127.0.0.1:$(cat "$work/arm.port")/" >/dev/null 2>&1
  az cloud set -n EntraEmulator >/dev/null 2>&1
  if az login --service-principal -u "$client" -p "$secret" --tenant "$tenant" --allow-no-subscriptions -o none \
        2>"$work/az-login.err" && az account get-access-token --resource https://graph.microsoft.com -o none 2>/dev/null; then
    measure "az account get-access-token (cached)" "$few" -- az account get-access-token --resource https://graph.microsoft.com
    read -r az_median _ <"$BENCH_LAST"
    measure "entra-auth-cli cached get-token (again)" "$few" -- "$cli" get-token -p bench --silent
    read -r ours _ <"$BENCH_LAST"
    python3 -c "print(f'az / entra-auth-cli (cached token): {$az_median / $ours:.1f}x')"
  else
    echo "az could not log in to the emulator: $(head -3 "$work/az-login.err")"
  fi
  kill "$arm" 2>/dev/null || true
  unset PYTHONPATH
else
  echo
  echo "== Azure CLI: not installed (Debian: apt-get install azure-cli), no comparison"
fi

echo
echo "== image"
echo "on disk:  $(du -sk "$image" | awk '{printf "%.1f MB", $1 / 1024}') (lib/modules $(du -k "$image/lib/modules" | awk '{printf "%.1f MB", $1 / 1024}'), class-data archive $(du -k "$image/lib/entra-auth-cli.jsa" 2>/dev/null | awk '{printf "%.1f MB", $1 / 1024}'))"
echo ".tar.gz:  $(tar -C "$(dirname "$image")" -czf - "$(basename "$image")" | wc -c | awk '{printf "%.1f MB", $1 / 1048576}')"
echo "load average at end: $(load)"
