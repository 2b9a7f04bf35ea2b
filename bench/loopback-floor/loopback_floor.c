/*
 * The kernel's floor under item 3 of issue 12: one small frame a tick to each of N loopback TCP connections, with no
 * application at all. A sender (T threads, each sending to every T-th connection with blocking send()) and a receiver
 * in a second process (one epoll loop, non-blocking recv()) share the machine, as the silo and the WebSocket clients
 * do in the load driver's --watchers runs. The receiver records send -> receive latency from a CLOCK_MONOTONIC stamp
 * in each frame, after 2 s of warm-up.
 *
 *   gcc -O2 -pthread -o /tmp/loopback_floor bench/loopback-floor/loopback_floor.c
 *   /tmp/loopback_floor 10000 300 30 2      # connections, frame bytes, seconds, sender threads
 *
 * The process needs two file descriptors per connection (ulimit -n; 20,000 on these machines is enough for 10,000).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int by_value(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static int *conns, count, threads, frame_bytes;
static char *frame;

static void *send_share(void *arg) {
    for (int i = (int)(long)arg; i < count; i += threads)
        if (send(conns[i], frame, frame_bytes, 0) != frame_bytes) perror("send");
    return NULL;
}

static int receive(struct sockaddr_in *at, int seconds) {
    int one = 1, ep = epoll_create1(0);
    for (int i = 0; i < count; i++) {
        int s = socket(AF_INET, SOCK_STREAM, 0);
        setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        if (connect(s, (struct sockaddr *)at, sizeof *at)) { perror("connect"); return 1; }
        fcntl(s, F_SETFL, O_NONBLOCK);
        struct epoll_event e = {.events = EPOLLIN, .data.fd = s};
        epoll_ctl(ep, EPOLL_CTL_ADD, s, &e);
    }
    long long capacity = (long long)count * (seconds + 3) * 5, n = 0;
    long long *latency = malloc(capacity * sizeof *latency);
    static char buffer[65536];
    struct epoll_event ready[512];
    long long warm = now_ns() + 2000000000LL, end = now_ns() + (seconds + 3) * 1000000000LL;
    while (now_ns() < end) {
        int k = epoll_wait(ep, ready, 512, 100);
        for (int j = 0; j < k; j++) {
            ssize_t got;
            while ((got = recv(ready[j].data.fd, buffer, sizeof buffer, 0)) > 0) {
                long long arrived = now_ns();
                for (ssize_t at_ = 0; at_ + frame_bytes <= got; at_ += frame_bytes) {
                    long long sent;
                    memcpy(&sent, buffer + at_, sizeof sent);
                    if (arrived > warm && n < capacity) latency[n++] = arrived - sent;
                }
            }
        }
    }
    qsort(latency, n, sizeof *latency, by_value);
    if (n == 0) { fprintf(stderr, "no frames\n"); return 1; }
    printf("%d connections, %lld frames: send -> receive p50 %.1f / p99 %.1f / max %.1f ms\n", count, n,
           latency[n / 2] / 1e6, latency[n * 99 / 100] / 1e6, latency[n - 1] / 1e6);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s connections frame-bytes seconds sender-threads\n", argv[0]); return 2; }
    count = atoi(argv[1]), frame_bytes = atoi(argv[2]), threads = atoi(argv[4]);
    int seconds = atoi(argv[3]), one = 1;
    if (frame_bytes < 8 || threads < 1 || threads > 64) { fprintf(stderr, "frame-bytes >= 8, 1-64 threads\n"); return 2; }
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in at = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t size = sizeof at;
    if (bind(listener, (struct sockaddr *)&at, sizeof at) || listen(listener, 65535) ||
        getsockname(listener, (struct sockaddr *)&at, &size)) { perror("listen"); return 1; }
    pid_t receiver = fork();
    if (receiver == 0) { close(listener); return receive(&at, seconds); }

    conns = malloc(count * sizeof *conns);
    for (int i = 0; i < count; i++) {
        conns[i] = accept(listener, NULL, NULL);
        setsockopt(conns[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    frame = calloc(1, frame_bytes);
    memset(frame + 8, 'x', frame_bytes - 8);
    long long start = now_ns(), sending = 0;
    int ticks = 0;
    pthread_t senders[64];
    while (now_ns() < start + (seconds + 2) * 1000000000LL) {
        long long t0 = now_ns();
        memcpy(frame, &t0, sizeof t0);
        for (long t = 0; t < threads; t++) pthread_create(&senders[t], NULL, send_share, (void *)t);
        for (int t = 0; t < threads; t++) pthread_join(senders[t], NULL);
        sending += now_ns() - t0;
        ticks++;
        while (now_ns() < start + ticks * 250000000LL) usleep(1000);
    }
    int status;
    waitpid(receiver, &status, 0);
    printf("sender: %d threads, %d ticks, a tick's %d sends took %.1f ms (%.2f us a frame)\n", threads, ticks, count,
           sending / ticks / 1e6, sending / (double)ticks / count / 1e3);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
