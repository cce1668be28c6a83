/*
 * wan-delay: a fixed one-way delay element for the WAN lab, on an NFQUEUE in the router namespace.
 *
 * The kernel queues each forwarded packet on the NFQUEUE and sends this process only its metadata (NFQNL_COPY_META:
 * packet id, no payload). The process stamps the arrival time, holds the id until arrival + delay and then accepts
 * it. A fixed delay keeps the order of arrival, so every release is one batch verdict (NF_ACCEPT for all ids up to
 * the newest one due), whatever the packet rate. Between releases it sleeps in ppoll() until the next packet is due
 * or a new one arrives; it never spins.
 *
 *   wan-delay --queue N --delay-us D [--maxlen PACKETS] [--stats FILE]
 *
 * SIGUSR1 writes the statistics (packets, batches, lateness of each release against its due time: p50/p99/p99.9/max
 * in microseconds, peak depth, notifications lost) to the stats file; SIGTERM or SIGINT writes them and exits.
 * Fail-open stays off: when the kernel queue is full the kernel drops the packet, as a router with a full buffer does.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/netfilter.h>
#include <libnetfilter_queue/libnetfilter_queue.h>
#include <libnfnetlink/libnfnetlink.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif
#ifndef NETLINK_NO_ENOBUFS
#define NETLINK_NO_ENOBUFS 5
#endif

#define LATE_BUCKETS 100000 /* 1 us buckets up to 100 ms; later releases land in the last bucket */
#define NETLINK_RCVBUF (16 * 1024 * 1024)

struct held
{
    uint32_t id;
    uint64_t due_ns;
};

static struct held *ring;
static uint32_t ring_mask;
static uint32_t head;
static uint32_t tail;

static uint64_t delay_ns;
static uint64_t packets;
static uint64_t batches;
static uint64_t ring_full_drops;
static uint64_t enobufs;
static uint32_t peak_depth;
static uint64_t late_hist[LATE_BUCKETS];
static uint64_t late_max_ns;

static volatile sig_atomic_t stop_requested;
static volatile sig_atomic_t stats_requested;
static const char *stats_path;

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static void on_signal(int sig)
{
    if (SIGUSR1 == sig)
    {
        stats_requested = 1;
    }
    else
    {
        stop_requested = 1;
    }
}

static double late_percentile_us(double fraction)
{
    uint64_t total = 0;
    for (int i = 0; i < LATE_BUCKETS; i++)
    {
        total += late_hist[i];
    }
    if (0 == total)
    {
        return 0.0;
    }
    const uint64_t rank = (uint64_t)(fraction * (double)total);
    uint64_t seen = 0;
    for (int i = 0; i < LATE_BUCKETS; i++)
    {
        seen += late_hist[i];
        if (seen > rank)
        {
            return (double)i;
        }
    }
    return (double)(LATE_BUCKETS - 1);
}

static void write_stats(void)
{
    FILE *out = stats_path ? fopen(stats_path, "w") : stderr;
    if (NULL == out)
    {
        perror("wan-delay: stats file");
        return;
    }
    fprintf(out,
        "{\"delay_us\": %" PRIu64 ", \"packets\": %" PRIu64 ", \"batches\": %" PRIu64
        ", \"late_p50_us\": %.0f, \"late_p99_us\": %.0f, \"late_p999_us\": %.0f, \"late_max_us\": %.1f"
        ", \"peak_depth\": %u, \"ring_full_drops\": %" PRIu64 ", \"notifications_lost\": %" PRIu64 "}\n",
        delay_ns / 1000, packets, batches, late_percentile_us(0.50), late_percentile_us(0.99),
        late_percentile_us(0.999), late_max_ns / 1000.0, peak_depth, ring_full_drops, enobufs);
    if (out != stderr)
    {
        fclose(out);
    }
}

static int on_packet(struct nfq_q_handle *qh, struct nfgenmsg *msg, struct nfq_data *nfa, void *data)
{
    (void)msg;
    (void)data;
    const struct nfqnl_msg_packet_hdr *ph = nfq_get_msg_packet_hdr(nfa);
    if (NULL == ph)
    {
        return 0;
    }
    const uint32_t id = ntohl(ph->packet_id);
    if (tail - head > ring_mask)
    {
        ring_full_drops++;
        nfq_set_verdict(qh, id, NF_DROP, 0, NULL);
        return 0;
    }
    ring[tail & ring_mask].id = id;
    ring[tail & ring_mask].due_ns = now_ns() + delay_ns;
    tail++;
    packets++;
    if (tail - head > peak_depth)
    {
        peak_depth = tail - head;
    }
    return 0;
}

static void release_due(struct nfq_q_handle *qh, const uint64_t now)
{
    int any = 0;
    uint32_t last = 0;
    while (head != tail && ring[head & ring_mask].due_ns <= now)
    {
        const uint64_t late = now - ring[head & ring_mask].due_ns;
        const uint64_t bucket = late / 1000;
        late_hist[bucket < LATE_BUCKETS ? bucket : LATE_BUCKETS - 1]++;
        if (late > late_max_ns)
        {
            late_max_ns = late;
        }
        last = ring[head & ring_mask].id;
        head++;
        any = 1;
    }
    if (any)
    {
        batches++;
        nfq_set_verdict_batch(qh, last, NF_ACCEPT);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: wan-delay --queue N --delay-us MICROSECONDS [--maxlen PACKETS] [--stats FILE]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int queue = -1;
    long long delay_us = -1;
    unsigned maxlen = 8192;
    static const struct option options[] =
    {
        { "queue", required_argument, NULL, 'q' },
        { "delay-us", required_argument, NULL, 'd' },
        { "maxlen", required_argument, NULL, 'm' },
        { "stats", required_argument, NULL, 's' },
        { NULL, 0, NULL, 0 }
    };
    int opt;
    while (-1 != (opt = getopt_long(argc, argv, "q:d:m:s:", options, NULL)))
    {
        switch (opt)
        {
            case 'q': queue = atoi(optarg); break;
            case 'd': delay_us = atoll(optarg); break;
            case 'm': maxlen = (unsigned)strtoul(optarg, NULL, 10); break;
            case 's': stats_path = optarg; break;
            default: usage();
        }
    }
    if (queue < 0 || queue > 65535 || delay_us < 0 || maxlen < 16)
    {
        usage();
    }
    delay_ns = (uint64_t)delay_us * 1000ULL;

    uint32_t ring_size = 1;
    while (ring_size < 2 * maxlen)
    {
        ring_size <<= 1;
    }
    ring_mask = ring_size - 1;
    ring = calloc(ring_size, sizeof(*ring));
    if (NULL == ring)
    {
        perror("wan-delay: calloc");
        return 1;
    }
    if (0 != mlockall(MCL_CURRENT | MCL_FUTURE))
    {
        fprintf(stderr, "wan-delay: mlockall failed (%s); page faults may add latency\n", strerror(errno));
    }

    struct nfq_handle *h = nfq_open();
    if (NULL == h)
    {
        perror("wan-delay: nfq_open");
        return 1;
    }
    if (nfq_bind_pf(h, AF_INET) < 0)
    {
        perror("wan-delay: nfq_bind_pf");
        return 1;
    }
    struct nfq_q_handle *qh = nfq_create_queue(h, (uint16_t)queue, &on_packet, NULL);
    if (NULL == qh)
    {
        perror("wan-delay: nfq_create_queue (is another process bound to this queue?)");
        return 1;
    }
    if (nfq_set_mode(qh, NFQNL_COPY_META, 0) < 0)
    {
        perror("wan-delay: nfq_set_mode NFQNL_COPY_META");
        return 1;
    }
    if (nfq_set_queue_maxlen(qh, maxlen) < 0)
    {
        perror("wan-delay: nfq_set_queue_maxlen");
        return 1;
    }
    if (nfq_set_queue_flags(qh, NFQA_CFG_F_FAIL_OPEN | NFQA_CFG_F_GSO, 0) < 0)
    {
        perror("wan-delay: nfq_set_queue_flags (fail-open and GSO off)");
        return 1;
    }
    const int fd = nfq_fd(h);
    nfnl_rcvbufsiz(nfq_nfnlh(h), NETLINK_RCVBUF);
    const int on = 1;
    setsockopt(fd, SOL_NETLINK, NETLINK_NO_ENOBUFS, &on, sizeof(on));

    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = on_signal;
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);

    fprintf(stderr, "wan-delay: queue %d, delay %lld us, kernel queue %u packets, ring %u\n",
        queue, delay_us, maxlen, ring_size);

    static char buf[1 << 18];
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    while (!stop_requested)
    {
        for (;;)
        {
            const ssize_t n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
            if (n > 0)
            {
                nfq_handle_packet(h, buf, (int)n);
                continue;
            }
            if (n < 0 && ENOBUFS == errno)
            {
                /* Notifications were lost; their packets are accepted with a later batch verdict. */
                enobufs++;
                continue;
            }
            break;
        }
        const uint64_t now = now_ns();
        release_due(qh, now);
        if (stats_requested)
        {
            stats_requested = 0;
            write_stats();
        }
        struct timespec timeout;
        struct timespec *timeout_ptr = NULL;
        if (head != tail)
        {
            const uint64_t due = ring[head & ring_mask].due_ns;
            const uint64_t wait = due > now ? due - now : 0;
            timeout.tv_sec = (time_t)(wait / 1000000000ULL);
            timeout.tv_nsec = (long)(wait % 1000000000ULL);
            timeout_ptr = &timeout;
        }
        ppoll(&pfd, 1, timeout_ptr, NULL);
    }

    if (head != tail)
    {
        nfq_set_verdict_batch(qh, ring[(tail - 1) & ring_mask].id, NF_ACCEPT);
    }
    write_stats();
    nfq_destroy_queue(qh);
    nfq_close(h);
    return 0;
}
