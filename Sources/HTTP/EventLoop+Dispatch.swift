import Glibc

extension EventLoop {
    /// Hands a fully read request to the worker pool. Jobs are batched per epoll wake-up, so a
    /// burst of requests costs one lock and one signal.
    func dispatch(_ connection: Connection) {
        guard let head = connection.head, let match = connection.match else { return }
        let multipart = (connection.sink as? MultipartSink)?.form
        let body = (connection.sink as? MemoryBodySink)?.bytes ?? []
        connection.compactBuffer()
        connection.state = .processing
        connection.deadline = .infinity
        connection.sink = nil
        let request: Request
        do {
            request = try Request(method: head.method, target: head.target, headers: head.headers, body: body,
                                  multipart: multipart, remoteAddress: connection.remoteAddress,
                                  requestID: connection.requestID, isHTTP11: head.isHTTP11,
                                  receivedAt: connection.requestStart)
        } catch {
            multipart?.removeFiles()
            fail(connection, error.status)
            return
        }
        let keepAlive = head.keepAlive && !isDraining
        let responder = context.responder
        let job: WorkerPool.Job = { [self] in
            var routed = request
            if case .found(_, let parameters) = match { routed.parameters = parameters }
            // Named in the crash report if this request traps the process.
            InFlight.begin(routed.requestID)
            let response = responder.respond(to: routed, match: match)
            InFlight.end()
            multipart?.removeFiles()
            complete(Self.completion(for: response, request: routed, connection: connection, keepAlive: keepAlive))
        }
        pendingJobs.append((connection, job, { multipart?.removeFiles() }))
    }

    /// Runs on the worker: serialises the head (and in-memory body) and opens a file body, so the
    /// event loop only copies bytes to the socket.
    private static func completion(for response: Response, request: Request, connection: Connection,
                                   keepAlive: Bool) -> Completion {
        var response = response
        let omitBody = request.method == "HEAD"
        var fileFD: Int32 = -1
        var fileLength = 0
        if case .file(let path, let length) = response.body, !omitBody, response.status.code != 304 {
            fileFD = open(path, O_RDONLY | O_CLOEXEC)
            if fileFD < 0 {
                Log.error("request \(request.requestID): cannot open \(path): \(String(cString: strerror(errno)))")
                response = .text("Internal Server Error\n", status: .internalServerError)
            } else {
                fileLength = length
            }
        }
        let (bytes, headLength) = ResponseSerializer.serialize(response, omitBody: omitBody, keepAlive: keepAlive,
                                                               requestID: request.requestID)
        return Completion(connection: connection, bytes: bytes, headLength: headLength, fileFD: fileFD, fileLength: fileLength,
                          keepAlive: keepAlive, status: response.status.code, bodyBytes: omitBody ? 0 : response.bodyLength,
                          method: request.method, path: request.path)
    }

    func flushJobs() {
        guard !pendingJobs.isEmpty else { return }
        let accepted = context.pool.submit(pendingJobs.map(\.job))
        // The queue is full: shed load now rather than let latency grow without bound.
        for (connection, _, discard) in pendingJobs.dropFirst(accepted) {
            discard()
            fail(connection, .serviceUnavailable)
        }
        pendingJobs.removeAll(keepingCapacity: true)
    }

    /// A worker finished: send the response, then continue with whatever the client pipelined.
    func finish(_ completion: Completion) {
        let connection = completion.connection
        guard connection.state == .processing else {
            if completion.fileFD >= 0 { Glibc.close(completion.fileFD) }
            return
        }
        accessLog.append(method: completion.method, path: completion.path, status: completion.status,
                         bytes: completion.bodyBytes, duration: now - connection.requestStart,
                         requestID: connection.requestID, enabled: context.configuration.accessLog)
        connection.out = completion.bytes
        if isDraining && completion.keepAlive {
            connection.out = ResponseSerializer.replacingKeepAlive(completion.bytes, headLength: completion.headLength)
        }
        connection.outIndex = 0
        connection.fileFD = completion.fileFD
        connection.fileOffset = 0
        connection.fileRemaining = completion.fileLength
        connection.closeAfterWrite = !completion.keepAlive || isDraining
        connection.state = .writing
        connection.deadline = now + context.configuration.limits.writeTimeout
        writeOutput(connection)
    }
}
