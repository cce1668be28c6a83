#!/usr/bin/env bash
# The WAN lab: two or three hubs in network namespaces joined through a router namespace that limits the rate (tbf),
# drops packets at random (iptables statistic) and delays every packet by a fixed time (wan-delay on NFQUEUE).
#
#   perf-tests/wan/lab.sh deps                  install what is missing (Debian packages) and build wan-delay
#   perf-tests/wan/lab.sh probe                 say whether the lab can run here, and if not why (exit 3)
#   perf-tests/wan/lab.sh up [--rate 200mbit] [--rtt 30ms] [--loss 0.5] [--hubs 2|3] [--tcp-cc cubic]
#   perf-tests/wan/lab.sh loss PERCENT          change the random loss (each direction) in place
#   perf-tests/wan/lab.sh check                 self-check: RTT (ping), loss (UDP count), TCP rate at 0 % loss (iperf3)
#   perf-tests/wan/lab.sh delay-stats           the delay element's figures so far (JSON)
#   perf-tests/wan/lab.sh status                what is up
#   perf-tests/wan/lab.sh down                  remove namespaces, rules and the delay process (always safe to run)
#
# Addresses: hub X (a, b, c = 1, 2, 3) is 10.77.N.2/24 on eth0 in namespace ferry-X, routed through 10.77.N.1 on
# r-X in ferry-r. A management veth joins the root namespace (10.77.10N.1/30) to each hub (10.77.10N.2/30) directly,
# outside the emulated link, for the hubs' HTTP APIs. Nothing leaves the machine.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
state="${FERRY_WAN_STATE:-/run/ferry-wan}"
delay_bin="$repo/perf-tests/target/wan/wan-delay"
router=ferry-r
queue=0
iperf_port=5201

log()
{
    echo "wan-lab: $*" >&2
}

die()
{
    log "$*"
    exit 1
}

hub_names()
{
    local hubs="${1:-2}"
    if [ "$hubs" = 3 ]
    then
        echo "a b c"
    else
        echo "a b"
    fi
}

hub_index()
{
    case "$1" in
        a) echo 1 ;;
        b) echo 2 ;;
        c) echo 3 ;;
        *) die "unknown hub $1" ;;
    esac
}

# Bits per second of a tc rate such as 200mbit, 1gbit, 500kbit.
rate_bps()
{
    local rate="${1,,}"
    local number="${rate%%[a-z]*}"
    local unit="${rate#"$number"}"
    case "$unit" in
        gbit) echo $((number * 1000000000)) ;;
        mbit) echo $((number * 1000000)) ;;
        kbit) echo $((number * 1000)) ;;
        bit|"") echo "$number" ;;
        *) die "rate '$1': use kbit, mbit or gbit" ;;
    esac
}

# Microseconds of a time such as 30ms, 500us, 1s.
duration_us()
{
    local time="${1,,}"
    case "$time" in
        *us) echo "${time%us}" ;;
        *ms) awk -v v="${time%ms}" 'BEGIN { printf "%d", v * 1000 }' ;;
        *s) awk -v v="${time%s}" 'BEGIN { printf "%d", v * 1000000 }' ;;
        *) die "time '$1': use us, ms or s" ;;
    esac
}

need()
{
    local missing=()
    command -v ip > /dev/null || missing+=(iproute2)
    command -v iptables > /dev/null || missing+=(iptables)
    command -v ping > /dev/null || missing+=(iputils-ping)
    command -v iperf3 > /dev/null || missing+=(iperf3)
    command -v ethtool > /dev/null || missing+=(ethtool)
    command -v jq > /dev/null || missing+=(jq)
    command -v gcc > /dev/null || missing+=(gcc libc6-dev)
    [ -f /usr/include/libnetfilter_queue/libnetfilter_queue.h ] || missing+=(libnetfilter-queue-dev)
    echo "${missing[@]}"
}

cmd_deps()
{
    [ "$(id -u)" = 0 ] || die "the lab needs root (namespaces, iptables, NFQUEUE)"
    local missing
    missing="$(need)"
    if [ -n "$missing" ]
    then
        log "installing $missing"
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing > /dev/null; }
    fi
    mkdir -p "$(dirname "$delay_bin")"
    if [ ! -x "$delay_bin" ] || [ "$here/wan-delay.c" -nt "$delay_bin" ]
    then
        gcc -O2 -Wall -Wextra -Werror -o "$delay_bin" "$here/wan-delay.c" -lnetfilter_queue -lnfnetlink
        log "built $delay_bin"
    fi
}

# Says why the lab cannot run here (exit 3) or that it can (exit 0): root, the tools, and what the kernel allows.
cmd_probe()
{
    [ "$(uname -s)" = Linux ] || { echo "the WAN lab needs Linux (network namespaces, tbf, NFQUEUE)"; exit 3; }
    [ "$(id -u)" = 0 ] || { echo "the WAN lab needs root (namespaces, iptables, NFQUEUE); running as uid $(id -u)"; exit 3; }
    local missing
    missing="$(need)"
    [ -z "$missing" ] || { echo "the WAN lab needs Debian packages that are missing: $missing (perf-tests/wan/lab.sh deps installs them)"; exit 3; }
    [ -x "$delay_bin" ] || { echo "the delay element is not built: run perf-tests/wan/lab.sh deps"; exit 3; }
    local ns="ferry-probe-$$" reason=""
    if ! ip netns add "$ns" 2> /dev/null
    then
        echo "this kernel or sandbox does not allow 'ip netns add'"
        exit 3
    fi
    ip -n "$ns" link add p0 type veth peer name p1 2> /dev/null || reason="veth pairs cannot be created"
    [ -n "$reason" ] || tc -n "$ns" qdisc add dev p0 root tbf rate 200mbit burst 25000 limit 100000 2> /dev/null ||
        reason="the tbf qdisc is not available"
    [ -n "$reason" ] || ip netns exec "$ns" iptables -A FORWARD -m statistic --mode random --probability 0.01 \
        -j DROP 2> /dev/null || reason="iptables '-m statistic' is not available"
    [ -n "$reason" ] || ip netns exec "$ns" iptables -A FORWARD -j NFQUEUE --queue-num 0 2> /dev/null ||
        reason="iptables '-j NFQUEUE' is not available"
    ip netns del "$ns"
    if [ -n "$reason" ]
    then
        echo "$reason"
        exit 3
    fi
    echo "the WAN lab can run here"
}

cmd_down()
{
    set +e
    if [ -f "$state/delay.pid" ]
    then
        local pid
        pid="$(cat "$state/delay.pid")"
        if kill -0 "$pid" 2> /dev/null
        then
            kill -TERM "$pid" 2> /dev/null
            for _ in $(seq 50)
            do
                kill -0 "$pid" 2> /dev/null || break
                sleep 0.05
            done
            kill -KILL "$pid" 2> /dev/null
        fi
    fi
    local ns
    for ns in ferry-a ferry-b ferry-c "$router"
    do
        if ip netns list | grep -qw "^$ns"
        then
            # Processes left inside the lab's own namespaces (iperf3, daemons of an aborted run) go with them.
            local pids
            pids="$(ip netns pids "$ns" 2> /dev/null)"
            [ -n "$pids" ] && kill -KILL $pids 2> /dev/null
            ip netns del "$ns"
        fi
    done
    local hub
    for hub in a b c
    do
        ip link del "ferry-m$hub" 2> /dev/null
    done
    rm -rf "$state"
    set -e
    log "down: namespaces, rules and the delay element removed"
}

set_loss()
{
    local percent="$1"
    local probability
    probability="$(awk -v p="$percent" 'BEGIN { if (p < 0 || p >= 100) exit 1; printf "%.6f", p / 100 }')" ||
        die "loss '$percent': a percentage in [0, 100)"
    ip netns exec "$router" iptables -F WAN_LOSS
    if awk -v p="$probability" 'BEGIN { exit !(p > 0) }'
    then
        local hub
        for hub in $(cat "$state/hubs")
        do
            ip netns exec "$router" iptables -A WAN_LOSS -i "r-$hub" -m statistic --mode random \
                --probability "$probability" -j DROP
        done
    fi
    echo "$percent" > "$state/loss"
}

cmd_up()
{
    local rate=200mbit rtt=30ms loss=0 hubs=2 tcp_cc=cubic
    while [ $# -gt 0 ]
    do
        case "$1" in
            --tcp-cc) tcp_cc="$2"; shift 2 ;;
            --rate) rate="$2"; shift 2 ;;
            --rtt) rtt="$2"; shift 2 ;;
            --loss) loss="$2"; shift 2 ;;
            --hubs) hubs="$2"; shift 2 ;;
            *) die "up: unknown option $1" ;;
        esac
    done
    cmd_deps
    ip netns list | grep -qw "^$router" && cmd_down
    mkdir -p "$state"
    trap 'log "up failed; tearing down"; cmd_down' EXIT

    local bps one_way_us
    bps="$(rate_bps "$rate")"
    one_way_us=$(($(duration_us "$rtt") / 2))
    hub_names "$hubs" > "$state/hubs"
    echo "$rate" > "$state/rate"
    echo "$rtt" > "$state/rtt"
    echo "$tcp_cc" > "$state/tcp_cc"

    # tbf: a burst of 1 ms at the rate (at least 16 KB); a buffer of one bandwidth-delay product (at least 128 KB).
    local burst limit
    burst=$((bps / 8 / 1000 > 16384 ? bps / 8 / 1000 : 16384))
    limit=$((bps / 8 * $(duration_us "$rtt") / 1000000))
    limit=$((limit > 131072 ? limit : 131072))
    # wan-delay's queue: every packet one delay can hold in both directions at 64 bytes each, at least 1024.
    local maxlen
    maxlen=$((2 * bps / 8 / 64 * one_way_us / 1000000))
    maxlen=$((maxlen > 1024 ? maxlen : 1024))

    ip netns add "$router"
    ip -n "$router" link set lo up
    ip netns exec "$router" sysctl -q -w net.ipv4.ip_forward=1
    local cpus
    cpus="$(nproc)"
    local hub n
    for hub in $(cat "$state/hubs")
    do
        n="$(hub_index "$hub")"
        ip netns add "ferry-$hub"
        ip -n "ferry-$hub" link set lo up
        ip link add "r-$hub" netns "$router" type veth peer name eth0 netns "ferry-$hub"
        ip -n "$router" addr add "10.77.$n.1/24" dev "r-$hub"
        ip -n "ferry-$hub" addr add "10.77.$n.2/24" dev eth0
        ip -n "$router" link set "r-$hub" up
        ip -n "ferry-$hub" link set eth0 up
        # The route across the emulated link carries the TCP congestion control of the hubs' TCP tools: Linux's
        # default cubic unless asked otherwise. (A route's congctl needs no entry in the host-wide
        # net.ipv4.tcp_allowed_congestion_control, which the namespace's own sysctl would.)
        ip -n "ferry-$hub" route add default via "10.77.$n.1" congctl "$tcp_cc"
        # Counters (rules without target) of the self-check's UDP count, both directions.
        ip netns exec "ferry-$hub" iptables -A OUTPUT -p udp --dport "$iperf_port"
        ip netns exec "ferry-$hub" iptables -A OUTPUT -p udp --sport "$iperf_port"
        ip netns exec "ferry-$hub" iptables -A INPUT -p udp --dport "$iperf_port"
        ip netns exec "ferry-$hub" iptables -A INPUT -p udp --sport "$iperf_port"
        # Segmentation offloads off, so that loss and delay act on wire-sized packets.
        ip netns exec "$router" ethtool -K "r-$hub" tso off gso off gro off > /dev/null 2>&1 || true
        ip netns exec "ferry-$hub" ethtool -K eth0 tso off gso off gro off > /dev/null 2>&1 || true
        tc -n "$router" qdisc add dev "r-$hub" root tbf rate "$rate" burst "$burst" limit "$limit"
        # Management link, outside the emulated path.
        ip link add "ferry-m$hub" type veth peer name mgmt netns "ferry-$hub"
        ip addr add "10.77.10$n.1/30" dev "ferry-m$hub"
        ip -n "ferry-$hub" addr add "10.77.10$n.2/30" dev mgmt
        ip link set "ferry-m$hub" up
        ip -n "ferry-$hub" link set mgmt up
        if [ "$cpus" -ge 2 ]
        then
            # Receive work of the veths goes to CPU 1; the delay element runs on CPU 0.
            ip netns exec "$router" sh -c "echo 2 > /sys/class/net/r-$hub/queues/rx-0/rps_cpus" || true
            ip netns exec "ferry-$hub" sh -c "echo 2 > /sys/class/net/eth0/queues/rx-0/rps_cpus" || true
        fi
    done

    local prefix=()
    if chrt -f 50 true 2> /dev/null
    then
        prefix+=(chrt -f 50)
    else
        log "chrt -f 50 is not allowed here; the delay element runs at normal priority"
    fi
    if [ "$cpus" -ge 2 ]
    then
        prefix+=(taskset -c 0)
    fi
    ip netns exec "$router" "${prefix[@]}" "$delay_bin" --queue "$queue" --delay-us "$one_way_us" \
        --maxlen "$maxlen" --stats "$state/delay-stats.json" > "$state/delay.log" 2>&1 &
    echo $! > "$state/delay.pid"
    for _ in $(seq 100)
    do
        grep -q "kernel queue" "$state/delay.log" && break
        kill -0 "$(cat "$state/delay.pid")" 2> /dev/null || die "wan-delay exited: $(cat "$state/delay.log")"
        sleep 0.05
    done
    grep -q "kernel queue" "$state/delay.log" || die "wan-delay did not bind queue $queue: $(cat "$state/delay.log")"

    # FORWARD: random loss first (per incoming interface, so each direction is dropped on its own), then the delay.
    # No --queue-bypass: if the delay element dies, the link stops instead of silently losing its delay.
    ip netns exec "$router" iptables -N WAN_LOSS
    ip netns exec "$router" iptables -A FORWARD -j WAN_LOSS
    ip netns exec "$router" iptables -A FORWARD -j NFQUEUE --queue-num "$queue"
    set_loss "$loss"
    trap - EXIT
    log "up: hubs $(cat "$state/hubs" | tr ' ' ','), rate $rate, rtt $rtt (one-way delay ${one_way_us} us), loss" \
        "$loss % each direction; tbf burst $burst B limit $limit B; delay queue $maxlen packets;" \
        "delay element ${prefix[*]:-without chrt/taskset} (pid $(cat "$state/delay.pid")); hubs' TCP $tcp_cc"
}

cmd_loss()
{
    [ -f "$state/hubs" ] || die "the lab is not up"
    set_loss "${1:?loss PERCENT}"
    log "loss now $1 % each direction"
}

cmd_delay_stats()
{
    [ -f "$state/delay.pid" ] || die "the lab is not up"
    rm -f "$state/delay-stats.json"
    kill -USR1 "$(cat "$state/delay.pid")"
    for _ in $(seq 100)
    do
        [ -s "$state/delay-stats.json" ] && break
        sleep 0.02
    done
    cat "$state/delay-stats.json"
}

start_iperf_server()
{
    ip netns exec ferry-b iperf3 -s -p "$iperf_port" -D --pidfile "$state/iperf3.pid" > /dev/null
    for _ in $(seq 100)
    do
        ip netns exec ferry-b ss -Hltn "sport = :$iperf_port" | grep -q LISTEN && return 0
        sleep 0.05
    done
    die "iperf3 server did not start in ferry-b"
}

stop_iperf_server()
{
    if [ -f "$state/iperf3.pid" ]
    then
        kill "$(cat "$state/iperf3.pid")" 2> /dev/null || true
        rm -f "$state/iperf3.pid"
    fi
}

# Packets counted by the rule of a hub's chain that matches "udp PORT-MATCH" (e.g. "dpt:5201").
udp_counter()
{
    ip netns exec "$1" iptables -nvxL "$2" | awk -v m="$3" '$0 ~ "udp " m "$" { print $1 }'
}

# Drops so far of the tbf on a router interface.
tbf_drops()
{
    tc -n "$router" -s qdisc show dev "$1" | awk '/dropped/ { gsub(",", "", $7); print $7; exit }'
}

# Packets the kernel dropped on the delay element's queue so far (queue full plus failed notifications).
queue_drops()
{
    ip netns exec "$router" awk -v q="$queue" '$1 == q { print $6 + $7 }' /proc/net/netfilter/nfnetlink_queue
}

# Random loss measured with a UDP count: iperf3 sends 40 Mbit/s of 1000-byte datagrams for the given seconds one way
# and the kernels of both hubs count the datagrams (rules without target in OUTPUT of the sender and INPUT of the
# receiver), so that a receiving process that falls behind on a busy host cannot count as loss. Prints "lost sent
# emulated tbf queue": the datagrams lost and sent, and the drops of the loss rule, the receiver's tbf and the delay
# element's queue meanwhile.
udp_loss()
{
    local reverse="$1" seconds="$2"
    local sender=ferry-a receiver=ferry-b match="dpt:$iperf_port"
    if [ -n "$reverse" ]
    then
        sender=ferry-b
        receiver=ferry-a
        match="spt:$iperf_port"
    fi
    local tbf_before queue_before
    ip netns exec "$sender" iptables -Z OUTPUT
    ip netns exec "$receiver" iptables -Z INPUT
    ip netns exec "$router" iptables -Z WAN_LOSS
    tbf_before="$(tbf_drops "r-${receiver#ferry-}")"
    queue_before="$(queue_drops)"
    ip netns exec ferry-a iperf3 -c 10.77.2.2 -p "$iperf_port" -u -b 40M -l 1000 -t "$seconds" $reverse > /dev/null
    local sent received emulated
    sent="$(udp_counter "$sender" OUTPUT "$match")"
    received="$(udp_counter "$receiver" INPUT "$match")"
    emulated="$(ip netns exec "$router" iptables -nvxL WAN_LOSS |
        awk -v i="r-${sender#ferry-}" '$3 == "DROP" && $6 == i { print $1 }')"
    echo "$((sent - received)) $sent ${emulated:-0} $(($(tbf_drops "r-${receiver#ferry-}") - tbf_before))" \
        "$(($(queue_drops) - queue_before))"
}

cmd_check()
{
    local seconds=5
    while [ $# -gt 0 ]
    do
        case "$1" in
            --seconds) seconds="$2"; shift 2 ;;
            *) die "check: unknown option $1" ;;
        esac
    done
    [ -f "$state/hubs" ] || die "the lab is not up"
    local rate rtt loss bps rtt_us
    rate="$(cat "$state/rate")"
    rtt="$(cat "$state/rtt")"
    loss="$(cat "$state/loss")"
    bps="$(rate_bps "$rate")"
    rtt_us="$(duration_us "$rtt")"
    check_loss="$loss"
    trap 'stop_iperf_server; set_loss "$check_loss"' EXIT

    # RTT: 1000 pings 5 ms apart; the average must lie within 10 % of the set RTT.
    local ping_out rtt_line rtt_min rtt_avg rtt_max rtt_mdev
    ping_out="$(ip netns exec ferry-a ping -q -n -i 0.005 -c 1000 -W 2 10.77.2.2 || true)"
    rtt_line="$(echo "$ping_out" | grep -E '^(rtt|round-trip)' || true)"
    [ -n "$rtt_line" ] || die "ping got no reply: $ping_out"
    IFS=/ read -r rtt_min rtt_avg rtt_max rtt_mdev <<< "$(echo "$rtt_line" | awk '{print $4}')"

    start_iperf_server
    # Loss: a UDP count each way; each must lie within 0.2 points of the set loss. iperf3's own TCP control
    # connection is kept out of the random loss meanwhile (a lost handshake segment makes iperf3 3.12 give up).
    ip netns exec "$router" iptables -I WAN_LOSS 1 -p tcp --dport "$iperf_port" -j RETURN
    ip netns exec "$router" iptables -I WAN_LOSS 1 -p tcp --sport "$iperf_port" -j RETURN
    local fwd rev
    fwd="$(udp_loss "" "$seconds")"
    rev="$(udp_loss "-R" "$seconds")"
    # TCP ceiling at 0 % loss: iperf3 for 8 s, the first 2 s left out; must reach 85 % of the rate. It measures the
    # rate limiter, so it uses bbr where the kernel has it: cubic halves its window on one tail drop of the tbf during
    # slow start and, on a busy host, may not regain the rate within 8 s.
    set_loss 0
    local tcp_bps cc_option=()
    grep -qw bbr /proc/sys/net/ipv4/tcp_available_congestion_control && cc_option=(-C bbr)
    tcp_bps="$(ip netns exec ferry-a iperf3 -c 10.77.2.2 -p "$iperf_port" -t 8 -O 2 "${cc_option[@]}" --json |
        jq -r '.end.sum_received.bits_per_second')"
    set_loss "$loss"
    stop_iperf_server

    local verdict
    verdict="$(awk -v rtt="$rtt_us" -v avg="$rtt_avg" -v loss="$loss" -v fwd="$fwd" -v rev="$rev" \
        -v bps="$bps" -v tcp="$tcp_bps" -v json="$state/check.json" -v mn="$rtt_min" -v mx="$rtt_max" \
        -v mdev="$rtt_mdev" -v cc="${cc_option[1]:-$(cat "$state/tcp_cc")}" '
        BEGIN {
            split(fwd, f, " "); split(rev, r, " ");
            fl = 100 * f[1] / f[2]; rl = 100 * r[1] / r[2];
            rtt_ms = rtt / 1000; rtt_err = 100 * (avg - rtt_ms) / rtt_ms;
            tcp_ratio = tcp / bps;
            ok_rtt = (rtt_err <= 10 && rtt_err >= -10);
            ok_loss = ((fl - loss) <= 0.2 && (loss - fl) <= 0.2 && (rl - loss) <= 0.2 && (loss - rl) <= 0.2);
            ok_tcp = (tcp_ratio >= 0.85 && tcp_ratio <= 1.15);
            printf "RTT      set %.1f ms, ping avg %.2f ms (min %.2f, max %.2f, mdev %.2f): %+.1f %% -> %s\n",
                rtt_ms, avg, mn, mx, mdev, rtt_err, ok_rtt ? "ok (within 10 %)" : "OUT OF TOLERANCE" > "/dev/stderr";
            printf "loss     set %.2f %%, UDP a->b %.2f %% (%d of %d), b->a %.2f %% (%d of %d) -> %s\n",
                loss, fl, f[1], f[2], rl, r[1], r[2],
                ok_loss ? "ok (within 0.2 points)" : "OUT OF TOLERANCE" > "/dev/stderr";
            printf "         where: a->b %d by the loss rule, %d by tbf, %d by the delay queue, %d elsewhere; " \
                "b->a %d, %d, %d, %d\n", f[3], f[4], f[5], f[1] - f[3] - f[4] - f[5], r[3], r[4], r[5],
                r[1] - r[3] - r[4] - r[5] > "/dev/stderr";
            printf "TCP      set %.0f Mbit/s, iperf3 %s at 0 %% loss %.1f Mbit/s = %.1f %% of the rate -> %s\n",
                bps / 1e6, cc, tcp / 1e6, 100 * tcp_ratio, ok_tcp ? "ok (within 15 %)" : "OUT OF TOLERANCE" > "/dev/stderr";
            printf "{\"rate_bps\": %d, \"rtt_set_ms\": %.3f, \"rtt_avg_ms\": %.3f, \"rtt_min_ms\": %.3f, " \
                "\"rtt_max_ms\": %.3f, \"rtt_mdev_ms\": %.3f, \"rtt_error_percent\": %.2f, " \
                "\"loss_set_percent\": %.3f, \"loss_a_to_b_percent\": %.3f, \"loss_b_to_a_percent\": %.3f, " \
                "\"udp_datagrams_each_way\": %d, \"tcp_bps\": %.0f, \"tcp_ratio\": %.4f, \"ok\": %s}\n",
                bps, rtt_ms, avg, mn, mx, mdev, rtt_err, loss, fl, rl, f[2], tcp, tcp_ratio,
                (ok_rtt && ok_loss && ok_tcp) ? "true" : "false" > json;
            print (ok_rtt && ok_loss && ok_tcp) ? "ok" : "failed";
        }')"
    log "delay element: $(cmd_delay_stats)"
    [ "$verdict" = ok ] || die "self-check failed; figures in $state/check.json"
    log "self-check passed; figures in $state/check.json"
}

cmd_status()
{
    if [ ! -f "$state/hubs" ]
    then
        echo "down"
        return 0
    fi
    echo "up: hubs $(cat "$state/hubs"), rate $(cat "$state/rate"), rtt $(cat "$state/rtt"), loss $(cat "$state/loss") %"
    ip netns exec "$router" iptables -L FORWARD -v -n
    ip netns exec "$router" iptables -L WAN_LOSS -v -n
    local hub
    for hub in $(cat "$state/hubs")
    do
        tc -n "$router" -s qdisc show dev "r-$hub"
    done
}

what="${1:-}"
shift || true
case "$what" in
    deps) cmd_deps ;;
    probe) cmd_probe ;;
    up) cmd_up "$@" ;;
    loss) cmd_loss "$@" ;;
    check) cmd_check "$@" ;;
    delay-stats) cmd_delay_stats ;;
    status) cmd_status ;;
    down) cmd_down ;;
    *) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
