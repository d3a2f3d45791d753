import Glibc

/// One line per request (time, method, path, status, bytes, duration, request id), buffered per
/// event loop and written once per loop iteration, so logging costs no syscall per request.
struct AccessLog {
    private var buffer: [UInt8] = []
    var descriptor: Int32 = 1

    mutating func append(method: String, path: String, status: Int, bytes: Int, duration: Double,
                         requestID: String, enabled: Bool) {
        guard enabled else { return }
        let ms = (duration * 1000 * 100).rounded() / 100
        buffer.append(contentsOf: "\(ISOTime.now()) \(method) \(Self.clean(path)) \(status) \(bytes) \(ms)ms \(requestID)\n".utf8)
        if buffer.count > 64 * 1024 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { if n < 0 && errno == EINTR { continue }; break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// A path is client input: keep log lines one line each and free of control characters.
    private static func clean(_ path: String) -> String {
        String(path.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : Character($0) })
    }
}
