#!/usr/bin/env bash
# Build perf-tests with the reactor and run ferry's performance measurements:
#   perf-tests/run.sh jmh               SendPathBenchmark with -prof gc, encryption none and aes-256-gcm (about 3 minutes)
#   perf-tests/run.sh harness [ARGS]    ThroughputHarness (about 3-5 minutes at the default 2 GiB; --help lists ARGS)
#   perf-tests/run.sh profile [ARGS]    the ferry runs of the harness under JFR, summarised into the doc, with a flame
#                                       graph per ferryd and run in docs/flame-<run>-<hub>.svg
#   perf-tests/run.sh all [ARGS]        jmh, then harness
#   perf-tests/run.sh latency [ARGS]    LatencyRun: 4 KiB round trips, ferry's control path against Aeron's
#                                       EmbeddedPingPong and raw Aeron on ferry's driver (about 6 minutes here;
#                                       --help lists ARGS)
#   perf-tests/run.sh wan [ARGS]        WanHarness: the WAN matrix on the emulated link of perf-tests/wan (root;
#                                       about 40-60 minutes at the defaults; --repeats 1 --size 256m for a quick look)
#   perf-tests/run.sh matrix [ARGS]     MatrixHarness: the loopback matrix of issue 6 (ferry, rsync daemon, GridFTP
#                                       -p 1/-p 4; 3 GiB bulk, 20,000 small files, CPU per GiB), about 15-20 minutes
#                                       at the defaults; installs missing peers as root, else leaves them out
# Results go to perf-tests/target/ (jmh-send-path.json, throughput.json, wan.json, matrix.json, latency.json) and
# into docs/performance.md.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-all}"
shift || true

mvn -B -q -DskipTests -pl perf-tests -am package

jar=$(ls perf-tests/target/ferry-perf-tests-*.jar)
cp="$jar:perf-tests/target/lib/*"
read -r -a flags < perf-tests/target/dist/jvm.options

run_jmh()
{
    local args=(SendPathBenchmark -prof gc -f 1 -wi 3 -i 5 -w 2s -r 2s -rf json -rff perf-tests/target/jmh-send-path.json)
    java "${flags[@]}" -cp "$cp" org.openjdk.jmh.Main "${args[@]}"
    java "${flags[@]}" -cp "$cp" io.ferry.perf.JmhReport perf-tests/target/jmh-send-path.json docs/performance.md \
        "perf-tests/run.sh jmh = java <ferry JVM flags> -cp <perf-tests jar and lib> org.openjdk.jmh.Main ${args[*]}"
}

run_harness()
{
    if ! command -v rsync > /dev/null
    then
        echo "rsync is missing, so the rsync comparison will not be measured; install it with: apt-get install -y rsync"
    fi
    java "${flags[@]}" -Xmx2g -cp "$cp" io.ferry.perf.ThroughputHarness \
        --json perf-tests/target/throughput.json --doc docs/performance.md "$@"
}

run_latency()
{
    java "${flags[@]}" -Xmx1g -cp "$cp" io.ferry.perf.LatencyRun \
        --json perf-tests/target/latency.json --doc docs/performance.md "$@"
}

run_wan()
{
    perf-tests/wan/lab.sh deps
    java "${flags[@]}" -Xmx1g -cp "$cp" io.ferry.perf.WanHarness "$@"
}

# Installs the matrix's peers (rsync, GridFTP server and client) when run as root; otherwise the harness reports each
# missing one as not measured.
ensure_peers()
{
    local missing=()
    command -v rsync > /dev/null || missing+=(rsync)
    command -v globus-gridftp-server > /dev/null || missing+=(globus-gridftp-server-progs)
    command -v globus-url-copy > /dev/null || missing+=(globus-gass-copy-progs)
    [ "${#missing[@]}" -gt 0 ] || return 0
    if [ "$(id -u)" != 0 ]
    then
        echo "missing peers ${missing[*]} are left out (not root; install them with: apt-get install -y ${missing[*]})"
        return 0
    fi
    echo "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null ||
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" > /dev/null; } ||
        echo "could not install ${missing[*]}; the harness leaves them out"
}

run_matrix()
{
    ensure_peers
    java "${flags[@]}" -Xmx1g -cp "$cp" io.ferry.perf.MatrixHarness "$@"
}

case "$what" in
    jmh) run_jmh ;;
    wan) run_wan "$@" ;;
    matrix) run_matrix "$@" ;;
    harness) run_harness "$@" ;;
    latency) run_latency "$@" ;;
    profile) run_harness --runs ferry-8192,ferry-8192-none,ferry-65504 --jfr perf-tests/target/jfr "$@" ;;
    all) run_jmh; run_harness "$@" ;;
    *) echo "usage: perf-tests/run.sh [jmh|harness|profile|all|wan|matrix|latency] [options]" >&2; exit 2 ;;
esac
