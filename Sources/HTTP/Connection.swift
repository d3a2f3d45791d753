import Glibc

/// One client connection. Owned by a single event loop: every field is read and written on that
/// loop's thread only; workers merely carry the reference back with their response.
final class Connection: @unchecked Sendable {
    enum State {
        /// Keep-alive, waiting for the first byte of the next request.
        case idle
        case readingHead
        case readingBody
        /// A worker is running the handler; further pipelined bytes wait in `buffer`.
        case processing
        case writing
        /// Error sent and write side shut: reading and discarding until the peer closes, so our
        /// close does not turn into a reset that destroys the response in flight (RFC 9112 §9.6).
        case lingering
        case closed
    }

    let fd: Int32
    let remoteAddress: String
    var state = State.idle
    var deadline: Double

    var buffer: [UInt8] = []
    var readIndex = 0
    /// Edge-triggered epoll reported data we have not read yet (we stopped for backpressure).
    var readPending = false
    var peerClosed = false

    var headParser: HeadParser
    var head: RequestHead?
    var bodyReader: BodyReader?
    var sink: BodySink?
    var match: Router.Match?
    var requestStart = 0.0
    /// When the current body started, and how many bytes have arrived for it (the minimum rate).
    var bodyStart = 0.0
    var bodyReceived = 0
    var requestID = ""

    var out: [UInt8] = []
    var outIndex = 0
    var fileFD: Int32 = -1
    var fileOffset = 0
    var fileRemaining = 0
    var closeAfterWrite = false

    init(fd: Int32, remoteAddress: String, limits: HTTPLimits, now: Double) {
        self.fd = fd
        self.remoteAddress = remoteAddress
        self.headParser = HeadParser(limits: limits, start: 0)
        self.deadline = now + limits.idleTimeout
    }

    var hasBufferedInput: Bool { readIndex < buffer.count }

    /// Drops consumed bytes, and gives back a large buffer once it is empty, so ten thousand idle
    /// connections cost little memory.
    func compactBuffer() {
        if readIndex == buffer.count {
            if buffer.capacity > 16 * 1024 { buffer = [] } else { buffer.removeAll(keepingCapacity: true) }
        } else if readIndex > 0 {
            buffer.removeFirst(readIndex)
        }
        readIndex = 0
    }

    func resetRequest() {
        head = nil
        bodyReader = nil
        sink = nil
        match = nil
        out = []
        outIndex = 0
        fileFD = -1
        fileOffset = 0
        fileRemaining = 0
    }
}
