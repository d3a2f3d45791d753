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

#endif
