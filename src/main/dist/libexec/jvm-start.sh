# shellcheck shell=bash
# How login-harness starts its JVM: shared by bin/login-harness (the release archive) and
# scripts/login-harness (a checkout). Sourced, not run. The caller sets
#   LH_PROGRAM   (array) what follows the JVM's options: -cp "<lib>/*" dev.loginharness.cli.Launcher,
#                or -jar <the shaded jar>
#   LH_BUILD     a file as new as the program: an archive older than it is recorded again
#   LH_ARCHIVES  where the start-up archives go (created 0700 when missing; empty: none)
# and then runs `lh_exec "$@"`, which does not return.
#
# Which Java: $LOGIN_HARNESS_JAVA if set (a path or a name on PATH, any version); else, for every
# command but `token`, a JDK 25 or newer at $JAVA_HOME, else the newest JDK 25+ under
# /usr/lib/jvm; else (and always for `token`) $JAVA_HOME/bin/java, else java on PATH. The version
# is read from the JDK's `release` file, without starting a JVM. LOGIN_HARNESS_JAVA_OPTS is added
# last, so it can override anything below.
#
# Start-up is a large share of a short command, so every command runs with the client compiler
# only (C2's compiler threads compete with Chromium for two cores and finish compiling after the
# login is over) and with an archive of the classes it loads, one per build and Java version:
#   - `token`, which users' scripts run before every API call: a dynamic class-data-sharing (CDS)
#     archive of the classes of its cached path, recorded from a throw-away profile and store
#     (about a second, by the first call after a build; calls meanwhile go on without it);
#   - every other command: the classes of a whole login (picocli, Selenium, OkHttp, Jackson),
#     recorded from one demo login against the embedded provider on loopback, before the first
#     login, demo or mint, by one process at a time (the others go on without it). On Java 25+
#     an AOT cache (JEP 483/514: classes loaded and linked ahead of time, recorded in one step
#     with -XX:AOTCacheOutput, which takes some seconds more), else a CDS archive.
# A failed recording says so on stderr and leaves an empty archive, so that later commands do not
# try again until the next build.
#
# Measured 2026-12-04 on the 2-core machine this was written on, release archive, the variants
# runs interleaved, medians of wall time / CPU time (user+sys; other work kept the load average
# high, so wall times are inflated and CPU times are the steadier figure):
#   cached `token`, 30 rounds, load 7-11: Java 17 + CDS 237 ms / 224 ms (through this script
#     311 / 257); Java 25 + AOT cache 307 / 284; Java 25 + CDS 355 / 340; plain `java -cp`
#     (Java 17) 468 / 430; `java -version` 138 / 119. (An earlier run at load 14-27 agreed:
#     17 + CDS 328 ms CPU, 25 + AOT 489.) So `token` keeps a CDS archive on the default Java.
#     Since this script forks less, 25 rounds at load 5-6: through it 245 / 214, the same java
#     command alone 220 / 187, `java -version` 130 / 109 (1.9x).
#   headless `demo --format token` through this script: Java 25 + AOT cache against Java 17 +
#     CDS, 12 rounds at load 6-7: 4.50 s / 2.74 s against 4.82 / 2.83; 5 rounds at load 3-7:
#     4.09 / 2.87 against 3.93 / 2.99 (plain `java -cp`: 17 6.70 / 5.11, 25 5.82 / 5.10);
#     7 rounds at load 14-22: 11.3 / 3.37 against 12.7 / 3.80. A few per cent, never clearly
#     worse, so logins take the AOT cache where a JDK 25 is installed.
#
# JVM log output goes to stderr, never stdout (which carries the tokens), and says nothing about
# archives: a stale or foreign archive is simply not used.

# Sets REPLY to the JAVA_VERSION in the release file of the JDK at $1 ("25.0.3"; empty if none).
lh_release_version() {
  local line
  REPLY=""
  [ -r "$1/release" ] || return 0
  while IFS= read -r line; do
    case "$line" in
      JAVA_VERSION=*)
        line="${line#JAVA_VERSION=}"
        REPLY="${line//\"/}"
        return 0
        ;;
    esac
  done <"$1/release"
}

# Sets LH_JAVA, LH_JAVA_VERSION, LH_JAVA_FEATURE (25, or 0 if unknown) and LH_AOT (non-empty: an
# AOT cache, else a CDS archive) for commands of kind $1 (token or login).
lh_pick_java() {
  local home feature newest=24 resolved
  LH_JAVA=""
  LH_JAVA_VERSION=""
  if [ -z "${LOGIN_HARNESS_JAVA:-}" ] && [ "$1" != token ]; then
    for home in ${JAVA_HOME:+"$JAVA_HOME"} /usr/lib/jvm/*; do
      lh_release_version "$home"
      feature="${REPLY%%.*}"
      if [ -x "$home/bin/java" ] && [[ "$feature" =~ ^[0-9]+$ ]] && [ "$feature" -gt "$newest" ]; then
        newest="$feature"
        LH_JAVA="$home/bin/java"
        LH_JAVA_VERSION="$REPLY"
        [ "$home" = "${JAVA_HOME:-}" ] && break
      fi
    done
  fi
  if [ -z "$LH_JAVA" ]; then
    if [ -n "${LOGIN_HARNESS_JAVA:-}" ]; then
      LH_JAVA="$LOGIN_HARNESS_JAVA"
    elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
      LH_JAVA="$JAVA_HOME/bin/java"
    else
      LH_JAVA=java
    fi
    # Without a subshell where it can (each fork costs milliseconds that `token` cannot spare).
    resolved="$LH_JAVA"
    if [[ "$resolved" != */* ]] && hash "$resolved" 2>/dev/null; then
      resolved="${BASH_CMDS[$resolved]}"
    fi
    if [ ! -x "$resolved" ] || [ -d "$resolved" ]; then
      echo "login-harness: no $LH_JAVA found; it needs Java 17 or newer (set JAVA_HOME or LOGIN_HARNESS_JAVA)" >&2
      exit 2
    fi
    [ -f "${resolved%/bin/java}/release" ] || resolved="$(readlink -f "$resolved")" || resolved=""
    lh_release_version "${resolved%/bin/java}"
    LH_JAVA_VERSION="$REPLY"
  fi
  LH_JAVA_FEATURE="${LH_JAVA_VERSION%%.*}"
  [[ "$LH_JAVA_FEATURE" =~ ^[0-9]+$ ]] || LH_JAVA_FEATURE=0
  LH_AOT=""
  [ "$1" != token ] && [ "$LH_JAVA_FEATURE" -ge 25 ] && LH_AOT=1
  return 0
}

# Whether the archive $1 was recorded after the build (an empty one: tried and failed).
lh_current() {
  [ -f "$1" ] && [ ! "$LH_BUILD" -nt "$1" ]
}

# Runs the program with the arguments after $2, recording the archive $2 for commands of kind $1;
# keeps it only if the run succeeded and wrote one, else leaves an empty one and the run's stderr
# beside it ($2.log), and says so. (Its stdout, the demo's or the throw-away token, is not kept.)
lh_record() {
  local kind="$1" archive="$2" tmp="$2.$$" flag=-XX:ArchiveClassesAtExit
  shift 2
  [ -n "$LH_AOT" ] && flag=-XX:AOTCacheOutput
  if "$LH_JAVA" "${LH_JVM_FLAGS[@]}" "$flag=$tmp" "${LH_PROGRAM[@]}" "$@" \
    </dev/null >/dev/null 2>"$tmp.log" && [ -s "$tmp" ]; then
    mv -f "$tmp" "$archive"
    rm -f "$tmp.log"
  else
    mv -f "$tmp.log" "$archive.log"
    rm -f "$tmp" "$tmp.config"
    : >"$archive"
    echo "login-harness: could not record the start-up archive for $kind commands (its stderr:" \
      "$archive.log); they run without it, slower" >&2
  fi
}

# Records the archive of a cached `token` call, against a throw-away profile and store (the stored
# token names the server and client it came from, or it would not be served). The profile names
# an issuer, so the call also reads the store's discovery cache: the archive then holds the
# classes of every way of naming a provider (a built-in, a file, --client-id, --issuer), a
# superset of what a plain profile needs.
lh_record_token() {
  local tmp issuer="http://127.0.0.1:9" hash=0 i
  tmp="$(mktemp -d)"
  mkdir -p "$tmp/t" "$tmp/.discovery"
  printf '{"name":"t","issuer":"%s","clientId":"t","redirectUri":"http://127.0.0.1:9/c"}' "$issuer" \
    >"$tmp/t.json"
  printf '{"format":1,"access_token":"x","token_type":"Bearer","expires_at":"2999-01-01T00:00:00Z","token_endpoint":"http://127.0.0.1:9/t","client_id":"t"}' \
    >"$tmp/t/default.json"
  # The issuer's cache file: its readable part, then Java's String.hashCode of the issuer in hex
  # (store/DiscoveryCache.pathOf; if the two drift apart, the recording fails and says so).
  for ((i = 0; i < ${#issuer}; i++)); do
    hash=$(((hash * 31 + $(printf '%d' "'${issuer:i:1}")) & 0xFFFFFFFF))
  done
  printf '{"format":1,"issuer":"%s","fetched_at":"%s","authorization_endpoint":"http://127.0.0.1:9/a","token_endpoint":"http://127.0.0.1:9/t"}' \
    "$issuer" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" >"$tmp/.discovery/127.0.0.1_9-$(printf '%08x' "$hash").json"
  # The store refuses token and discovery files others can read.
  chmod 600 "$tmp/t/default.json" "$tmp/.discovery/"*.json
  lh_record token "$1" token --provider "$tmp/t.json" --store "$tmp"
  rm -rf "$tmp"
}

# Runs "$2..." holding the lock $1.lock, unless another process holds it (then returns at once).
lh_locked() {
  local lock="$1.lock"
  shift
  (
    if command -v flock >/dev/null; then flock -n 9 || exit 0; fi
    "$@"
  ) 9>"$lock"
}

# Sets LH_ARCHIVE_FLAGS to use the archive for "$@", recording it first when needed.
lh_archive_for() {
  local kind=login ext=jsa archive recorded=""
  LH_ARCHIVE_FLAGS=()
  [ -n "$LH_ARCHIVES" ] || return 0
  if [ ! -d "$LH_ARCHIVES" ]; then
    (umask 077 && mkdir -p "$LH_ARCHIVES") 2>/dev/null || return 0
  fi
  # Archives recorded for another installation of the same version would never match.
  [ -f "$LH_ARCHIVES/program" ] && IFS= read -r recorded <"$LH_ARCHIVES/program"
  if [ "$recorded" != "${LH_PROGRAM[*]}" ]; then
    rm -f "$LH_ARCHIVES"/*.jsa "$LH_ARCHIVES"/*.aot
    printf '%s\n' "${LH_PROGRAM[*]}" >"$LH_ARCHIVES/program" 2>/dev/null || return 0
  fi
  [ "${1:-}" = token ] && kind=token
  [ -n "$LH_AOT" ] && ext=aot
  archive="$LH_ARCHIVES/$kind-java${LH_JAVA_VERSION:-unknown}.$ext"
  if ! lh_current "$archive"; then
    if [ "$kind" = token ]; then
      lh_locked "$archive" lh_record_token "$archive"
    elif [[ "${1:-}" =~ ^(login|demo|mint)$ ]]; then
      lh_locked "$archive" lh_record login "$archive" demo --format token
    fi
  fi
  if lh_current "$archive" && [ -s "$archive" ]; then
    if [ -n "$LH_AOT" ]; then
      LH_ARCHIVE_FLAGS=(-XX:AOTCache="$archive")
    else
      LH_ARCHIVE_FLAGS=(-XX:SharedArchiveFile="$archive")
    fi
  fi
  return 0
}

lh_exec() {
  if [ "${1:-}" = token ]; then lh_pick_java token; else lh_pick_java login; fi
  if [ "$LH_JAVA_FEATURE" -ge 25 ]; then
    LH_JVM_FLAGS=(-XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning,aot*=off,cds*=off:stderr)
  else
    LH_JVM_FLAGS=(-XX:TieredStopAtLevel=1 -Xlog:disable -Xlog:all=warning,cds*=off:stderr)
  fi
  lh_archive_for "$@"
  # shellcheck disable=SC2086 # LOGIN_HARNESS_JAVA_OPTS is a list of options
  exec "$LH_JAVA" "${LH_JVM_FLAGS[@]}" ${LH_ARCHIVE_FLAGS[@]+"${LH_ARCHIVE_FLAGS[@]}"} ${LOGIN_HARNESS_JAVA_OPTS:-} \
    "${LH_PROGRAM[@]}" "$@"
}
