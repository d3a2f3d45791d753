#ifndef KYODO_CEPOLL_SHIM_H
#define KYODO_CEPOLL_SHIM_H

// Glibc's Swift overlay does not expose epoll, eventfd or sendfile; this header-only module does.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <string.h>

// GNU extensions that glibc only declares under _GNU_SOURCE, which the Glibc module is built
// without. Same prototypes as glibc's, so a header that does declare them agrees.
int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);
void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen);

// epoll_event is packed, which Swift imports awkwardly; these helpers keep field access in C.
static inline struct epoll_event kyodo_epoll_event(uint32_t events, uint64_t data) {
    struct epoll_event ev;
    ev.events = events;
    ev.data.u64 = data;
    return ev;
}

static inline uint64_t kyodo_epoll_data(const struct epoll_event *ev) { return ev->data.u64; }
static inline uint32_t kyodo_epoll_events(const struct epoll_event *ev) { return ev->events; }

static inline int kyodo_epoll_ctl_add(int epfd, int fd, uint32_t events, uint64_t data) {
    struct epoll_event ev = kyodo_epoll_event(events, data);
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
}

static inline int kyodo_epoll_ctl_del(int epfd, int fd) {
    return epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
}

static const uint32_t KYODO_EPOLLIN = EPOLLIN;
static const uint32_t KYODO_EPOLLOUT = EPOLLOUT;
static const uint32_t KYODO_EPOLLERR = EPOLLERR;
static const uint32_t KYODO_EPOLLHUP = EPOLLHUP;
static const uint32_t KYODO_EPOLLRDHUP = EPOLLRDHUP;
static const uint32_t KYODO_EPOLLET = EPOLLET;
static const uint32_t KYODO_EPOLLEXCLUSIVE = EPOLLEXCLUSIVE;


// ---- Crash reporting for the supervised worker ----------------------------------------------
// A Swift trap ends the process with SIGILL/SIGTRAP. Before it does, this handler writes the ids
// of the requests being handled at that moment to stderr, using only async-signal-safe calls,
// so the supervisor's log says which request crashed the worker. Each handler thread owns one
// slot (thread-local index). The table and slot live in function-local statics (Swift does not
// emit a header's file-scope statics); every call is from HTTP's Supervision.swift, so there is
// exactly one copy of each.
#include <unistd.h>
#include <sys/prctl.h>

#define KYODO_INFLIGHT_SLOTS 256
#define KYODO_INFLIGHT_ID 64
static inline char (*kyodo_inflight_table(void))[KYODO_INFLIGHT_ID] {
    static char table[KYODO_INFLIGHT_SLOTS][KYODO_INFLIGHT_ID];
    return table;
}

static inline int *kyodo_slot(void) {
    static __thread int slot = -1;
    return &slot;
}

static inline void kyodo_inflight_claim(int slot) {
    *kyodo_slot() = (slot >= 0 && slot < KYODO_INFLIGHT_SLOTS) ? slot : -1;
}

static inline void kyodo_inflight_begin(const char *request_id) {
    int slot = *kyodo_slot();
    if (slot < 0) return;
    size_t n = strlen(request_id);
    if (n >= KYODO_INFLIGHT_ID) n = KYODO_INFLIGHT_ID - 1;
    memcpy(kyodo_inflight_table()[slot], request_id, n);
    kyodo_inflight_table()[slot][n] = 0;
}

static inline void kyodo_inflight_end(void) {
    int slot = *kyodo_slot();
    if (slot >= 0) kyodo_inflight_table()[slot][0] = 0;
}

static inline void kyodo_write_text(const char *text) {
    ssize_t ignored = write(2, text, strlen(text));
    (void)ignored;
}

static void kyodo_crash_handler(int sig) {
    char number[12];
    int i = 11, n = sig;
    number[i] = 0;
    do { number[--i] = (char)('0' + n % 10); n /= 10; } while (n > 0 && i > 0);
    kyodo_write_text("kyodo worker: fatal signal ");
    kyodo_write_text(number + i);
    int any = 0;
    char (*table)[KYODO_INFLIGHT_ID] = kyodo_inflight_table();
    for (int s = 0; s < KYODO_INFLIGHT_SLOTS; s++) {
        if (table[s][0] == 0) continue;
        kyodo_write_text(any ? ", " : " while handling request ");
        kyodo_write_text(table[s]);
        any = 1;
    }
    kyodo_write_text("\n");
    signal(sig, SIG_DFL);
    raise(sig);
}

static inline void kyodo_install_crash_handler(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = kyodo_crash_handler;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESETHAND;
    int signals[] = { SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGFPE, SIGABRT };
    for (unsigned k = 0; k < sizeof signals / sizeof signals[0]; k++) sigaction(signals[k], &sa, NULL);
}

// The worker ends when its supervisor does (prctl is variadic, which Swift cannot call).
static inline int kyodo_die_with_parent(int sig) { return prctl(PR_SET_PDEATHSIG, sig, 0, 0, 0); }

#endif
