import CTLS
import Glibc

/// A blocking TCP connection to the mail server with deadlines on every read and write, that can
/// switch to TLS in place (STARTTLS) or start with it (smtps). Lines are read up to a bound so a
/// misbehaving server cannot make us hold unbounded memory.
final class SMTPTransport {
    private let fd: Int32
    private var ssl: OpaquePointer?
    private var context: OpaquePointer?
    private var buffer: [UInt8] = []
    private static let maxLine = 4096

    init(host: String, port: Int, timeout: Double) throws {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var info: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &info) == 0, let first = info else {
            throw SMTPError(.transient, "cannot resolve the mail server \(host)")
        }
        defer { freeaddrinfo(info) }
        var failure = "cannot connect to \(host):\(port)"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        var connected: Int32 = -1
        while let ai = candidate, connected < 0 {
            candidate = ai.pointee.ai_next
            let s = socket(ai.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard s >= 0 else { continue }
            if Self.connect(s, ai.pointee.ai_addr, ai.pointee.ai_addrlen, timeout: timeout) {
                connected = s
            } else {
                failure = "cannot connect to \(host):\(port): \(String(cString: strerror(errno)))"
                close(s)
            }
        }
        guard connected >= 0 else { throw SMTPError(.transient, failure) }
        fd = connected
        var limit = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - timeout.rounded(.down)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Connects without blocking past `timeout` (a dead host would otherwise hold the mail job for minutes).
    private static func connect(
        _ s: Int32, _ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t,
        timeout: Double
    ) -> Bool {
        let flags = fcntl(s, F_GETFL)
        _ = fcntl(s, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(s, F_SETFL, flags) }
        if Glibc.connect(s, address, length) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var poller = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
        guard poll(&poller, 1, Int32(timeout * 1000)) == 1 else {
            errno = ETIMEDOUT
            return false
        }
        var error: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(s, SOL_SOCKET, SO_ERROR, &error, &size)
        errno = error
        return error == 0
    }

    deinit {
        if let ssl {
            SSL_shutdown(ssl)
            SSL_free(ssl)
        }
        if let context { SSL_CTX_free(context) }
        close(fd)
    }

    var isEncrypted: Bool { ssl != nil }

    /// Turns this connection into TLS, verifying the server's certificate for `host` against the
    /// system's trust store, or `caFile` when given (a private mail server's own CA).
    func startTLS(host: String, caFile: String?) throws {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw SMTPError(.transient, "TLS: \(Self.tlsError())") }
        context = ctx
        _ = kyodo_tls_set_min_version(ctx)
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
        let loaded = caFile.map { SSL_CTX_load_verify_locations(ctx, $0, nil) } ?? SSL_CTX_set_default_verify_paths(ctx)
        guard loaded == 1 else {
            throw SMTPError(.transient, "TLS: cannot load trusted certificates (\(caFile ?? "system"))")
        }
        guard let connection = SSL_new(ctx) else { throw SMTPError(.transient, "TLS: \(Self.tlsError())") }
        ssl = connection
        // A name is checked against the certificate's DNS names (and sent as SNI); an address
        // against its IP addresses.
        var address = in6_addr()
        let isAddress = inet_pton(AF_INET, host, &address) == 1 || inet_pton(AF_INET6, host, &address) == 1
        let named =
            isAddress
            ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(connection), host)
            : (kyodo_tls_set_server_name(connection, host) == 1 ? SSL_set1_host(connection, host) : 0)
        guard named == 1, SSL_set_fd(connection, fd) == 1 else {
            throw SMTPError(.transient, "TLS: \(Self.tlsError())")
        }
        guard SSL_connect(connection) == 1 else {
            let verify = SSL_get_verify_result(connection)
            let reason = verify == X509_V_OK ? Self.tlsError() : String(cString: X509_verify_cert_error_string(verify))
            throw SMTPError(.transient, "TLS handshake with \(host) failed: \(reason)")
        }
    }

    private static func tlsError() -> String {
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(ERR_get_error(), &text, text.count)
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func write(_ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                if let ssl { return Int(SSL_write(ssl, base, Int32(min(raw.count, 1 << 20)))) }
                return Glibc.send(fd, base, raw.count, Int32(MSG_NOSIGNAL))
            }
            if n <= 0 {
                if ssl == nil && errno == EINTR { continue }
                throw SMTPError(
                    .transient,
                    "the mail server stopped reading (\(ssl == nil ? String(cString: strerror(errno)) : "TLS"))")
            }
            sent += n
        }
    }

    /// One line without its CRLF.
    func readLine() throws -> String {
        while true {
            if let end = buffer.firstIndex(of: 0x0A) {
                var line = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard buffer.count < Self.maxLine else {
                throw SMTPError(.transient, "the mail server sent an over-long line")
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                if let ssl { return Int(SSL_read(ssl, base, Int32(raw.count))) }
                return recv(fd, base, raw.count, 0)
            }
            if n < 0 && ssl == nil && errno == EINTR { continue }
            guard n > 0 else {
                let why =
                    n == 0
                    ? "closed the connection" : (errno == EAGAIN ? "did not answer in time" : "connection failed")
                throw SMTPError(.transient, "the mail server \(why)")
            }
            buffer += chunk[..<n]
        }
    }
}
