import Glibc

/// How the server listens and how much it does at once.
public struct ServerConfiguration: Sendable {
    /// An IPv4 or IPv6 literal: `127.0.0.1`, `0.0.0.0`, `::1`, `::`.
    public var host = "127.0.0.1"
    /// 0 lets the kernel pick a free port; `Server.port` then reports it.
    public var port = 8080
    public var limits = HTTPLimits()
    /// I/O threads; each owns an epoll instance and its connections.
    public var eventLoopCount = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    /// Handler threads; bounds how many requests block (on SQLite, hashing…) at once.
    public var workerCount = 8
    /// One line per request, written to `accessLogDescriptor` (standard output by default).
    public var accessLog = true
    public var accessLogDescriptor: Int32 = 1
    /// How long shutdown waits for in-flight requests before closing their connections.
    public var shutdownGrace: Double = 10
    /// A listening socket bound by a supervisor; when set, `host` and `port` are not bound again.
    public var inheritedListener: Int32?
    /// The HTML page for errors found before any handler runs (a request line or headers too
    /// long, a malformed request, overload); without it they are plain text.
    public var errorPage: (@Sendable (HTTPStatus) -> String)?

    public init() {}
}
