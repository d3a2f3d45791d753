import Glibc

/// Turns a response into the bytes of its head (and body, when in memory), so the event loop
/// can send it in one write: a separate header write would wait on the client's delayed ACK.
enum ResponseSerializer {
    /// The bytes to send and the length of the head within them.
    static func serialize(_ response: Response, omitBody: Bool, keepAlive: Bool, requestID: String) -> ([UInt8], Int) {
        var out: [UInt8] = []
        out.reserveCapacity(256 + (omitBody ? 0 : response.bodyLength))
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(response.status.reasonPhrase)\r\n".utf8)
        for (name, value) in response.headers {
            if name.caseInsensitiveEquals("Content-Length") || name.caseInsensitiveEquals("Connection") { continue }
            appendField(&out, name, value)
        }
        // RFC 9110 §8.6: no Content-Length on 1xx/204; 304 keeps the length of the GET it stands for.
        let noBody = response.status.code == 204 || response.status.code == 304
        if response.status.code != 204 {
            out.append(contentsOf: "Content-Length: \(response.bodyLength)\r\n".utf8)
        }
        out.append(contentsOf: "Date: \(HTTPDate.now())\r\n".utf8)
        out.append(contentsOf: "X-Request-Id: \(requestID)\r\n".utf8)
        out.append(contentsOf: (keepAlive ? keepAliveEnd : closeEnd))
        let headLength = out.count
        if !omitBody, !noBody, case .bytes(let body) = response.body { out.append(contentsOf: body) }
        return (out, headLength)
    }

    private static let keepAliveEnd = Array("Connection: keep-alive\r\n\r\n".utf8)
    private static let closeEnd = Array("Connection: close\r\n\r\n".utf8)

    /// During shutdown a response serialised as keep-alive must tell the client we are closing.
    /// `Connection` is always the head's last field, so it sits right before the body.
    static func replacingKeepAlive(_ bytes: [UInt8], headLength: Int) -> [UInt8] {
        let start = headLength - keepAliveEnd.count
        guard start >= 0, bytes[start..<headLength].elementsEqual(keepAliveEnd) else { return bytes }
        return Array(bytes[..<start]) + closeEnd + bytes[headLength...]
    }

    /// A minimal response for errors found before any handler runs (parse errors, overload).
    static func plain(_ status: HTTPStatus, requestID: String, extraHeaders: String = "", html: String? = nil) -> [UInt8] {
        let body = html ?? "\(status.code) \(status.reasonPhrase)\n"
        let type = html == nil ? "text/plain" : "text/html"
        return Array(("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n" +
            "Content-Type: \(type); charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\n" +
            "Date: \(HTTPDate.now())\r\nX-Request-Id: \(requestID)\r\n\(extraHeaders)Connection: close\r\n\r\n\(body)").utf8)
    }

    private static func appendField(_ out: inout [UInt8], _ name: String, _ value: String) {
        out.append(contentsOf: name.utf8)
        out.append(contentsOf: ": ".utf8)
        // Never let a handler's value split the header (response splitting).
        for b in value.utf8 { out.append(b == 0x0D || b == 0x0A || b == 0 ? 0x20 : b) }
        out.append(contentsOf: "\r\n".utf8)
    }
}
