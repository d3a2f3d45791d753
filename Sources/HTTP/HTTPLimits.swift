/// Every limit the server enforces while bytes arrive, as one value. Each is named after what it
/// bounds; the status it answers with is in the comment.
public struct HTTPLimits: Sendable {
    /// Request line without its CRLF. Over → 414.
    public var maxRequestLineBytes = 8 * 1024
    /// Header field lines including their CRLFs, excluding the request line and the final CRLF. Over → 431.
    public var maxHeaderSectionBytes = 32 * 1024
    /// Number of header field lines. Over → 431.
    public var maxHeaderCount = 100
    /// Decoded body size unless a route overrides it. Over → 413.
    public var maxBodyBytes = 1024 * 1024
    /// From the first byte of a request until its header section is complete. Over → 408.
    public var headerReadTimeout: Double = 10
    /// From the end of the header section until the whole body has arrived. Over → 408.
    public var bodyReadTimeout: Double = 60
    /// After `bodyRateGrace` seconds a body must keep arriving at this average rate (bytes per
    /// second since the head), or the request gets 408: a client trickling a large body cannot
    /// hold its connection and worker slot for the whole body deadline. 0: no minimum.
    public var minBodyBytesPerSecond: Double = 1024
    public var bodyRateGrace: Double = 10
    /// How long a keep-alive connection may wait for its next request; then it is closed quietly.
    public var idleTimeout: Double = 60
    /// How long a response may wait for the client to read it.
    public var writeTimeout: Double = 60
    /// Open connections across the server; an extra one gets a 503 and is closed.
    public var maxConnections = 10_000
    /// Open connections from one client address: one client (slow bodies, idle keep-alives) cannot
    /// take every connection; its extra ones get a 503, other clients are unaffected. 0: no limit
    /// (behind a reverse proxy every client has the proxy's address).
    public var maxConnectionsPerAddress = 256
    /// Requests waiting for a worker; over → 503, so a flood cannot grow memory without bound.
    public var maxQueuedRequests = 4096

    public init() {}

    /// The shortest timeout, so the event loop can check deadlines often enough to honour it.
    var shortestTimeout: Double {
        min(headerReadTimeout, bodyReadTimeout, idleTimeout, writeTimeout, minBodyBytesPerSecond > 0 ? bodyRateGrace : .infinity)
    }
}
