import CEpoll
import Glibc

extension EventLoop {
    /// While a request is being handled, buffer at most this much of what follows (pipelining);
    /// past it stop reading and let TCP push back on the client.
    private static let maxBufferedWhileBusy = 64 * 1024

    func handleRead(_ connection: Connection) {
        while connection.state != .closed {
            let busy = connection.state == .processing || connection.state == .writing
            if busy && connection.buffer.count - connection.readIndex >= Self.maxBufferedWhileBusy {
                connection.readPending = true
                return
            }
            let n = recv(connection.fd, readScratch, Self.readChunk, 0)
            if n > 0 {
                if connection.state == .lingering { continue }
                connection.buffer.append(contentsOf: UnsafeRawBufferPointer(start: readScratch, count: n))
                if connection.state == .readingBody {
                    connection.bodyReceived += n
                    connection.deadline = bodyDeadline(connection)
                }
                if connection.state == .idle || connection.state == .readingHead || connection.state == .readingBody {
                    advance(connection)
                }
                continue
            }
            if n == 0 {
                connection.peerClosed = true
                // A half-closed client may still want its response; otherwise we are done.
                if connection.state != .processing && connection.state != .writing { close(connection) }
                return
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { connection.readPending = false; return }
            close(connection)
            return
        }
    }

    /// Runs the parser over buffered bytes until it needs more, dispatches a request, or fails.
    func advance(_ connection: Connection) {
        do {
            while true {
                switch connection.state {
                case .idle, .readingHead:
                    guard connection.hasBufferedInput else { return }
                    if connection.state == .idle {
                        connection.state = .readingHead
                        connection.requestStart = now
                        connection.deadline = now + context.configuration.limits.headerReadTimeout
                        requestCounter += 1
                        connection.requestID = "\(context.runPrefix)-\(index)-\(String(requestCounter, radix: 36))"
                    }
                    guard let (head, end) = try connection.headParser.parse(connection.buffer) else { return }
                    connection.readIndex = end
                    try beginBody(connection, head: head)
                case .readingBody:
                    guard var reader = connection.bodyReader, let sink = connection.sink else { return }
                    connection.readIndex = try reader.read(connection.buffer, from: connection.readIndex, into: sink)
                    connection.bodyReader = reader
                    guard reader.isDone else { connection.compactBuffer(); return }
                    try sink.finish()
                    dispatch(connection)
                    return
                default:
                    return
                }
            }
        } catch {
            fail(connection, error.status)
        }
    }

    private func beginBody(_ connection: Connection, head: RequestHead) throws(HTTPParseError) {
        connection.head = head
        let segments: [String]
        do {
            segments = try PercentDecoding.pathSegments(head.target.split(separator: "?", maxSplits: 1).first ?? "")
        } catch {
            throw .malformed("path encoding")
        }
        let match = context.responder.router.match(method: head.method, segments: segments)
        connection.match = match
        var options = RouteOptions()
        if case .found(let route, _) = match { options = route.options }
        if let admit = options.admitBody, head.framing != .none, !admit(head.headers) { throw .refused }
        let limit = options.maxBodyBytes ?? context.configuration.limits.maxBodyBytes
        connection.bodyReader = try BodyReader(framing: head.framing, limit: limit, limits: context.configuration.limits)
        if let multipart = options.multipart, let type = head.headers["Content-Type"],
           let boundary = MultipartSink.boundary(from: type) {
            connection.sink = MultipartSink(boundary: boundary, limits: multipart)
        } else {
            connection.sink = MemoryBodySink()
        }
        connection.state = .readingBody
        connection.bodyStart = now
        connection.bodyReceived = 0
        connection.deadline = bodyDeadline(connection)
        // RFC 9110 §10.1.1: tell a waiting client to send the body, once we know we will take it.
        if head.expectsContinue, connection.bodyReader?.isDone == false, !connection.hasBufferedInput {
            let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
            _ = interim.withUnsafeBytes { send(connection.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        }
    }

    /// When the body must be complete by, or have arrived faster: the whole-body deadline, or
    /// earlier the moment its average rate would fall under the minimum (never before the grace).
    func bodyDeadline(_ connection: Connection) -> Double {
        let limits = context.configuration.limits
        let whole = connection.bodyStart + limits.bodyReadTimeout
        guard limits.minBodyBytesPerSecond > 0 else { return whole }
        let pace = connection.bodyStart + max(limits.bodyRateGrace, Double(connection.bodyReceived) / limits.minBodyBytesPerSecond)
        return min(whole, pace)
    }

    /// A request the server cannot or will not read further: answer plainly and close.
    func fail(_ connection: Connection, _ status: HTTPStatus) {
        connection.sink?.discard()
        connection.sink = nil
        let id = connection.requestID.isEmpty ? "-" : connection.requestID
        accessLog.append(method: connection.head?.method ?? "-", path: connection.head?.target ?? "-",
                         status: status.code, bytes: 0, duration: now - connection.requestStart, requestID: id,
                         enabled: context.configuration.accessLog)
        connection.out = ResponseSerializer.plain(status, requestID: id, html: context.configuration.errorPage?(status))
        connection.outIndex = 0
        connection.closeAfterWrite = true
        connection.state = .writing
        connection.deadline = now + context.configuration.limits.writeTimeout
        writeOutput(connection)
    }

    func timeOut(_ connection: Connection) {
        switch connection.state {
        case .readingHead, .readingBody:
            fail(connection, .requestTimeout)
        case .processing:
            break
        default:
            close(connection)
        }
    }
}

extension Error {
    var status: HTTPStatus { (self as? HTTPParseError)?.status ?? .badRequest }
}
