#!/usr/bin/env bash
# Finishes the jlink image: installs its launcher (bin/entra-auth-cli from this directory: it holds the image's JVM
# options and execs the JVM, so signals reach the CLI), then trains the image's class-data archive (lib/entra-auth-cli.jsa) at build time, on the real commands: --version,
# config list, a cached get-token (text and JSON) and inspect; hermetic: a throwaway home and the
# testkit's Entra ID emulator on loopback, both removed afterwards. Each command runs through the image's own
# launcher (so with its JVM options) and records the classes it loads (-XX:DumpLoadedClassList); the lists are
# merged and dumped once into a static CDS archive (classes parsed, verified and laid out ahead of time, loaded on
# demand). Measured against the alternatives (docs/performance.md): a JEP 514 AOT cache (-XX:AOTCacheOutput) is
# trained by one process only, so it cannot cover every command; -XX:+AOTClassLinking (JEP 483) loads every archived
# class at start-up, which costs the lean cached-token path more than it saves.
# Before that, JNA's libjnidispatch.so for this machine goes into the image's lib directory (System.loadLibrary
# searches it first; jna.noclasspath and jna.nounpack, set by dist/pom.xml, make a missing one an error).
# The class list is sorted, so two builds of the same commit write the same archive byte for byte (the training runs
# load the same classes but not always in the same order; -Xshare:dump is deterministic for the same list and image):
# ReproducibleArchiveIT runs this script a second time and compares.
# Usage: finish-image.sh IMAGE_DIR EMULATOR_JAR JAVA JNA_JAR
set -euo pipefail
image=$1 emulator_jar=$2 java=$3 jna_jar=$4
cli=$image/bin/entra-auth-cli
case $(uname -m) in x86_64) jna_arch=x86-64;; i?86) jna_arch=x86;; *) jna_arch=$(uname -m);; esac
unzip -p "$jna_jar" "com/sun/jna/linux-$jna_arch/libjnidispatch.so" >"$image/lib/libjnidispatch.so"
test -s "$image/lib/libjnidispatch.so" || { echo "no libjnidispatch.so for linux-$jna_arch in $jna_jar" >&2; exit 1; }
install -m 0755 "$(dirname "$0")/bin/entra-auth-cli" "$cli"
install -d -m 0755 "$image/plugins"   # where plugin jars go (docs/plugins.md); empty in the shipped image

# The JCA providers the image's Java may load: java.base's five. The JDK's list also names SunJGSS, XMLDSig and SunPCSC,
# whose modules the image does not have, and SASL, LDAP and PKCS#11 providers the CLI never uses; a lookup that reaches
# one of those (the first TLS handshake does) loads it through ServiceLoader, which creates every other provider in
# the image on the way, Bouncy Castle's two among them: ≈0.75 s of every first token (docs/performance.md). The CLI
# uses Bouncy Castle only through explicit objects, never by name from the JCA list.
security=$image/conf/security/java.security
sed -E -i '/^security\.provider\.[0-9]+=/{/=(SUN|SunRsaSign|SunEC|SunJSSE|SunJCE)$/!d}' "$security"
providers=$(grep -E '^security\.provider\.[0-9]+=' "$security" | tr '\n' ' ')
[ "$providers" = "security.provider.1=SUN security.provider.2=SunRsaSign security.provider.3=SunEC security.provider.4=SunJSSE security.provider.5=SunJCE " ] \
  || { echo "unexpected JCA provider list in $security: $providers" >&2; exit 1; }
archive=$image/lib/entra-auth-cli.jsa
work=$(mktemp -d)
emulator=
cleanup() {
  if [ -n "$emulator" ]; then
    kill "$emulator" 2>/dev/null || true
    wait "$emulator" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
rm -f "$archive"

"$java" -jar "$emulator_jar" --state-dir "$work/emulator" >"$work/emulator.log" 2>&1 &
emulator=$!
for _ in $(seq 300); do [ -f "$work/emulator/emulator.json" ] && break; sleep 0.1; done
[ -f "$work/emulator/emulator.json" ] || { cat "$work/emulator.log" >&2; echo "the emulator did not start" >&2; exit 1; }
field() { sed -n "s/.*\"$1\" *: *\"\\([^\"]*\\)\".*/\\1/p" "$work/emulator/emulator.json" | head -1; }

export ENTRA_AUTH_CLI_HOME="$work/home" ENTRA_AUTH_CLI_PASSPHRASE="training only" \
  ENTRA_AUTH_CLI_CA_BUNDLE="$work/emulator/ca.pem"
# Never the builder's own keyring, the throwaway home only: a session bus address where no bus listens (nor a display
# to start one from), so the Secret Service store loads its binding (JNA, libsecret) and finds no service, and the
# home records the encrypted-file store, as on a server.
export DBUS_SESSION_BUS_ADDRESS="unix:path=$work/no-session-bus"
unset DISPLAY WAYLAND_DISPLAY
unset ENTRA_AUTH_CLI_STORE ENTRA_AUTH_CLI_PROFILE ENTRA_AUTH_CLI_PLUGINS JDK_JAVA_OPTIONS JAVA_TOOL_OPTIONS
field clientSecret | tr -d '\n' | "$cli" config create --no-prompt --name training --tenant-id "$(field tenantId)" \
  --client-id "$(field clientId)" --secret-stdin --authority-host "$(field baseUrl)" \
  --scope https://graph.microsoft.com/.default >/dev/null 2>&1

n=0
record() {   # runs one command through the launcher, recording the classes it loads
  n=$((n + 1))
  JDK_JAVA_OPTIONS="-XX:DumpLoadedClassList=$work/classes-$n.lst" "$cli" "$@" >"$work/out-$n" 2>"$work/err-$n" </dev/null \
    || { echo "training command failed: $*" >&2; cat "$work/err-$n" >&2; exit 1; }
}
# The first token (client credentials against the emulator) is not recorded: msal's classes would double the
# archive, and a bigger archive costs every run its relocation (more CPU and RSS for the cached path).
"$cli" get-token -p training --silent >/dev/null 2>&1 </dev/null || { echo "training: no first token" >&2; exit 1; }
grep -qx encrypted-file "$ENTRA_AUTH_CLI_HOME/secret-store" 2>/dev/null \
  || { echo "training: the home did not record the encrypted-file store" >&2; exit 1; }
record get-token -p training --silent             # cached: the lean path, the home's recorded store
export ENTRA_AUTH_CLI_STORE=encrypted-file        # ... and the store named
record get-token -p training --silent
unset ENTRA_AUTH_CLI_STORE
record get-token -p training --output json
record --version
record plugins                                    # every store's availability: the Secret Service binding's classes
record config list
record inspect -p training
"$cli" get-token -p training --silent > "$work/token"
JDK_JAVA_OPTIONS="-XX:DumpLoadedClassList=$work/classes-stdin.lst" "$cli" inspect - <"$work/token" >/dev/null 2>&1

# Merge: one line per class (ids and constant-pool hints are per list), lambda and invoker lines kept; sorted in
# the C locale, the classes first and the @lambda-proxy / @lambda-form-invoker lines (which name loaded classes) after
# them. The dump resolves each class's supertypes itself, so the order changes nothing archived (the same 2055
# classes of config list come from it either way), only the bytes.
cat "$work"/classes-*.lst | grep -v -e '^#' -e '^@cp ' | sed 's/ id: [0-9]*$//' | LC_ALL=C sort -u >"$work/merged.lst"
{ grep -v '^@' "$work/merged.lst" || true; grep '^@' "$work/merged.lst" || true; } >"$work/classes.lst"
JDK_JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$work/classes.lst" "$cli" \
  >"$work/dump.log" 2>&1 || { cat "$work/dump.log" >&2; exit 1; }
[ -s "$archive" ] || { cat "$work/dump.log" >&2; echo "no archive was written" >&2; exit 1; }
echo "trained $archive ($(wc -l <"$work/classes.lst") classes, $(du -k "$archive" | cut -f1) KB)"
