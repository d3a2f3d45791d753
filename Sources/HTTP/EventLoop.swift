import CEpoll
import Glibc
import Synchronization

/// One I/O thread: an epoll instance, its connections, and a queue of finished responses that
/// workers hand back. Sockets are edge-triggered and never re-armed, so a busy loop makes no
/// epoll_ctl calls per request.
final class EventLoop: @unchecked Sendable {
    /// A worker's finished response for a connection of this loop.
    struct Completion: @unchecked Sendable {
        let connection: Connection
        let bytes: [UInt8]
        let headLength: Int
        let fileFD: Int32
        let fileLength: Int
        let keepAlive: Bool
        let status: Int
        let bodyBytes: Int
        let method: String
        let path: String
    }

    static let listenerToken = UInt64.max - 1
    static let wakeToken = UInt64.max

    let index: Int
    let context: ServerContext
    let epfd: Int32
    let wakeFD: Int32
    private(set) var listenerFD: Int32 = -1

    static let readChunk = 64 * 1024

    // Loop-thread state.
    /// One read buffer per loop: recv lands here and only the bytes received are copied.
    let readScratch = UnsafeMutableRawPointer.allocate(byteCount: EventLoop.readChunk, alignment: 16)
    var connections: [Connection?] = []
    var connectionCount = 0
    /// Jobs gathered in one wake-up; `discard` runs for a job the full queue refused (removes upload temp files).
    var pendingJobs: [(connection: Connection, job: WorkerPool.Job, discard: () -> Void)] = []
    var accessLog = AccessLog()
    var requestCounter = 0
    var now = monotonicNow()
    private var lastSweep = 0.0
    private var draining = false
    private var drainDeadline = Double.infinity

    // Shared with workers.
    private let completions = Protected<[Completion]>([])
    private let stopRequested = Atomic<Bool>(false)

    init(index: Int, context: ServerContext) throws {
        self.index = index
        self.context = context
        accessLog.descriptor = context.configuration.accessLogDescriptor
        epfd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epfd >= 0 else { throw Socket.Failure(call: "epoll_create1", code: errno) }
        wakeFD = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeFD >= 0 else { throw Socket.Failure(call: "eventfd", code: errno) }
        guard kyodo_epoll_ctl_add(epfd, wakeFD, KYODO_EPOLLIN, Self.wakeToken) == 0 else {
            throw Socket.Failure(call: "epoll_ctl(eventfd)", code: errno)
        }
    }

    /// Every loop watches the one listener; EPOLLEXCLUSIVE wakes only one of them per connection.
    func watch(listener fd: Int32) throws {
        listenerFD = fd
        guard kyodo_epoll_ctl_add(epfd, fd, KYODO_EPOLLIN | KYODO_EPOLLEXCLUSIVE, Self.listenerToken) == 0 else {
            throw Socket.Failure(call: "epoll_ctl(listener)", code: errno)
        }
    }

    /// Called from any thread.
    func complete(_ completion: Completion) {
        let wasEmpty = completions.withLock { queue in
            queue.append(completion)
            return queue.count == 1
        }
        if wasEmpty { wake() }
    }

    /// Called from any thread: stop accepting and drain.
    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = Glibc.write(wakeFD, &one, 8)
    }

    func run() {
        let maxEvents: Int32 = 256
        var events = [epoll_event](repeating: epoll_event(), count: Int(maxEvents))
        let tick = max(0.01, min(1.0, context.configuration.limits.shortestTimeout / 4))
        while true {
            let n = epoll_wait(epfd, &events, maxEvents, Int32(tick * 1000))
            now = monotonicNow()
            if n < 0 && errno != EINTR { Log.error("epoll_wait: \(String(cString: strerror(errno)))"); break }
            for i in 0..<Int(max(0, n)) {
                let token = kyodo_epoll_data(&events[i])
                let flags = kyodo_epoll_events(&events[i])
                switch token {
                case Self.listenerToken: acceptConnections()
                case Self.wakeToken: drainWake()
                default: handleEvent(fd: Int32(truncatingIfNeeded: token), flags: flags)
                }
            }
            flushJobs()
            accessLog.flush()
            if now - lastSweep >= tick {
                lastSweep = now
                sweepDeadlines()
            }
            if stopRequested.load(ordering: .acquiring) && !draining { beginDrain() }
            if draining && (connectionCount == 0 || now >= drainDeadline) { break }
        }
        for case let connection? in connections { close(connection) }
        accessLog.flush()
        Glibc.close(wakeFD)
        Glibc.close(epfd)
    }

    deinit { readScratch.deallocate() }

    private func drainWake() {
        var value: UInt64 = 0
        _ = Glibc.read(wakeFD, &value, 8)
        let finished = completions.withLock { queue -> [Completion] in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        for completion in finished { finish(completion) }
    }

    private func acceptConnections() {
        // Bounded per wake-up so one loop cannot starve its existing connections.
        for _ in 0..<128 {
            guard let (fd, address) = Socket.accept(listenerFD) else { return }
            let limit = context.configuration.limits.maxConnections
            if context.openConnections.wrappingAdd(1, ordering: .relaxed).newValue > limit {
                context.openConnections.wrappingSubtract(1, ordering: .relaxed)
                refuse(fd)
                continue
            }
            guard context.admit(address) else {
                context.openConnections.wrappingSubtract(1, ordering: .relaxed)
                refuse(fd)
                continue
            }
            let connection = Connection(fd: fd, remoteAddress: address, limits: context.configuration.limits, now: now)
            if Int(fd) >= connections.count {
                connections.append(contentsOf: repeatElement(nil, count: Int(fd) - connections.count + 1))
            }
            connections[Int(fd)] = connection
            connectionCount += 1
            let interest = KYODO_EPOLLIN | KYODO_EPOLLOUT | KYODO_EPOLLRDHUP | KYODO_EPOLLET
            if kyodo_epoll_ctl_add(epfd, fd, interest, UInt64(fd)) != 0 { close(connection); continue }
            // The client usually sent its request with the handshake; read it now.
            handleRead(connection)
        }
    }

    /// Over the connection limit: answer 503 and close, rather than leave the client hanging.
    private func refuse(_ fd: Int32) {
        let bytes = ResponseSerializer.plain(.serviceUnavailable, requestID: "-", extraHeaders: "Retry-After: 1\r\n",
                                             html: context.configuration.errorPage?(.serviceUnavailable))
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        shutdown(fd, Int32(SHUT_WR))
        var scratch = [UInt8](repeating: 0, count: 4096)
        _ = recv(fd, &scratch, scratch.count, Int32(MSG_DONTWAIT))
        Glibc.close(fd)
    }

    private func handleEvent(fd: Int32, flags: UInt32) {
        guard Int(fd) < connections.count, let connection = connections[Int(fd)] else { return }
        if flags & (KYODO_EPOLLIN | KYODO_EPOLLRDHUP | KYODO_EPOLLHUP | KYODO_EPOLLERR) != 0 {
            handleRead(connection)
        }
        if flags & KYODO_EPOLLOUT != 0, connection.state == .writing {
            writeOutput(connection)
        }
    }

    private func sweepDeadlines() {
        for case let connection? in connections where now >= connection.deadline {
            timeOut(connection)
        }
    }

    private func beginDrain() {
        draining = true
        drainDeadline = now + context.configuration.shutdownGrace
        if listenerFD >= 0 { _ = kyodo_epoll_ctl_del(epfd, listenerFD) }
        for case let connection? in connections where connection.state == .idle { close(connection) }
    }

    var isDraining: Bool { draining }

    func close(_ connection: Connection) {
        guard connection.state != .closed else { return }
        connection.state = .closed
        connection.sink?.discard()
        if connection.fileFD >= 0 { Glibc.close(connection.fileFD); connection.fileFD = -1 }
        _ = kyodo_epoll_ctl_del(epfd, connection.fd)
        connections[Int(connection.fd)] = nil
        Glibc.close(connection.fd)
        connectionCount -= 1
        context.openConnections.wrappingSubtract(1, ordering: .relaxed)
        context.release(connection.remoteAddress)
    }
}
