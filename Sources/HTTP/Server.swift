import CEpoll
import Glibc
import Synchronization

/// The HTTP/1.1 server: one listener, `eventLoopCount` I/O threads, a pool of handler threads.
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let context: ServerContext
    private let state = Mutex<(loops: [EventLoop], threads: [pthread_t], listener: Int32, port: Int)>(([], [], -1, 0))

    public init(configuration: ServerConfiguration, responder: Responder) {
        self.configuration = configuration
        self.context = ServerContext(configuration: configuration, responder: responder)
    }

    /// The port actually bound (useful with port 0).
    public var port: Int { state.withLock { $0.port } }

    /// Binds and starts the I/O threads; returns at once.
    public func start() throws {
        // A peer that closes early must not kill the process with SIGPIPE; we use MSG_NOSIGNAL too.
        signal(SIGPIPE, SIG_IGN)
        Socket.raiseOpenFileLimit()
        let (listener, port): (Int32, Int)
        if let inherited = configuration.inheritedListener {
            // A supervised worker serves the socket its supervisor bound, so a restart keeps the port.
            try Socket.setNonBlocking(inherited)
            let flags = fcntl(inherited, F_GETFD)
            _ = fcntl(inherited, F_SETFD, flags | FD_CLOEXEC)
            (listener, port) = (inherited, try Socket.localPort(inherited))
        } else {
            (listener, port) = try Socket.listen(host: configuration.host, port: configuration.port)
        }
        var loops: [EventLoop] = []
        for i in 0..<max(1, configuration.eventLoopCount) {
            let loop = try EventLoop(index: i, context: context)
            try loop.watch(listener: listener)
            loops.append(loop)
        }
        let threads = loops.map { loop in Thread.spawn { loop.run() } }
        state.withLock { $0 = (loops, threads, listener, port) }
    }

    /// Graceful stop: no new connections, idle ones closed, in-flight requests answered (with
    /// `Connection: close`) within `shutdownGrace`, then the threads end. Returns when done.
    public func stop() {
        let (loops, threads, listener) = state.withLock { s in
            defer { s.loops = []; s.threads = [] }
            return (s.loops, s.threads, s.listener)
        }
        guard !loops.isEmpty else { return }
        for loop in loops { loop.requestStop() }
        for thread in threads { pthread_join(thread, nil) }
        Glibc.close(listener)
        context.pool.shutdown()
    }

    /// Blocks until SIGINT or SIGTERM, then stops gracefully. Call `blockShutdownSignals()`
    /// before `start()` so no other thread receives them.
    public func runUntilSignalled() {
        var set = Self.shutdownSignals()
        var received: Int32 = 0
        sigwait(&set, &received)
        Log.info("received signal \(received), shutting down")
        stop()
    }

    /// Blocks SIGINT and SIGTERM in the calling thread and every thread it starts afterwards.
    public static func blockShutdownSignals() {
        var set = shutdownSignals()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    private static func shutdownSignals() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        return set
    }
}
