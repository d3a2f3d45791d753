import CEpoll
import Glibc

extension EventLoop {
    /// Writes as much of the response as the socket takes; EPOLLOUT resumes it later.
    func writeOutput(_ connection: Connection) {
        while connection.outIndex < connection.out.count {
            let n = connection.out.withUnsafeBytes { raw in
                send(connection.fd, raw.baseAddress! + connection.outIndex, raw.count - connection.outIndex, Int32(MSG_NOSIGNAL))
            }
            if n > 0 { connection.outIndex += n; continue }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            close(connection)
            return
        }
        while connection.fileRemaining > 0 {
            var offset = off_t(connection.fileOffset)
            let n = sendfile(connection.fd, connection.fileFD, &offset, min(connection.fileRemaining, 1 << 20))
            if n > 0 {
                connection.fileOffset += n
                connection.fileRemaining -= n
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            // n == 0: the file shrank under us; the promised length cannot be met, so close.
            close(connection)
            return
        }
        responseSent(connection)
    }

    private func responseSent(_ connection: Connection) {
        if connection.fileFD >= 0 { Glibc.close(connection.fileFD) }
        let closeAfter = connection.closeAfterWrite || connection.peerClosed
        connection.resetRequest()
        if closeAfter {
            linger(connection)
            return
        }
        connection.state = .idle
        connection.deadline = now + context.configuration.limits.idleTimeout
        connection.headParser.reset(at: 0)
        connection.compactBuffer()
        if connection.hasBufferedInput { advance(connection) }
        if connection.readPending && connection.state != .closed { handleRead(connection) }
    }

    /// Shut our side and discard what the client still sends, briefly, before closing: closing
    /// with unread input makes the kernel send RST, which can destroy the response in flight.
    private func linger(_ connection: Connection) {
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.state = .lingering
        connection.buffer = []
        connection.readIndex = 0
        connection.deadline = now + 2
        handleRead(connection)
    }
}
