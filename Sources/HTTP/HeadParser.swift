import Glibc

/// Finds and parses a request's head (request line + header section) in a growing byte buffer.
/// It remembers how far it has scanned, so a head that trickles in byte by byte costs linear
/// time, and it enforces the size limits before the whole head is there.
struct HeadParser {
    private let limits: HTTPLimits
    private var scanPosition = 0
    private var lineStart = 0
    private var requestLine: Range<Int>?
    private var headersStart = 0
    private var fieldLines: [Range<Int>] = []

    init(limits: HTTPLimits, start: Int) {
        self.limits = limits
        reset(at: start)
    }

    mutating func reset(at start: Int) {
        scanPosition = start
        lineStart = start
        requestLine = nil
        headersStart = start
        fieldLines.removeAll(keepingCapacity: true)
    }

    /// Scans newly arrived bytes. Returns the head and the index just past it when complete.
    mutating func parse(_ buffer: [UInt8]) throws(HTTPParseError) -> (RequestHead, end: Int)? {
        let end = buffer.count
        while scanPosition < end {
            guard let lf = Self.findLF(buffer, from: scanPosition) else {
                scanPosition = end
                try checkPartialLine(end: end)
                return nil
            }
            // RFC 9112 §2.2: lines end in CRLF; a bare LF is not accepted here.
            guard lf > lineStart, buffer[lf - 1] == 0x0D else {
                throw .malformed("bare LF")
            }
            let line = lineStart..<(lf - 1)
            lineStart = lf + 1
            scanPosition = lf + 1
            if requestLine == nil {
                // RFC 9112 §2.2: ignore empty lines received before the request line.
                if line.isEmpty { headersStart = lineStart; continue }
                guard line.count <= limits.maxRequestLineBytes else { throw .requestLineTooLong }
                requestLine = line
                headersStart = lineStart
            } else if line.isEmpty {
                return (try makeHead(buffer), lf + 1)
            } else {
                fieldLines.append(line)
                guard fieldLines.count <= limits.maxHeaderCount,
                      lineStart - headersStart <= limits.maxHeaderSectionBytes
                else { throw .headersTooLarge }
            }
        }
        try checkPartialLine(end: end)
        return nil
    }

    /// Limits on a line that has no LF yet: a client may not make us buffer past them.
    private func checkPartialLine(end: Int) throws(HTTPParseError) {
        if requestLine == nil {
            // +1 leaves room for the CR that may precede the LF still to come.
            if end - lineStart > limits.maxRequestLineBytes + 1 { throw .requestLineTooLong }
        } else if end - headersStart > limits.maxHeaderSectionBytes + 2 {
            throw .headersTooLarge
        }
    }

    private static func findLF(_ buffer: [UInt8], from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress, start < p.count else { return nil }
            guard let hit = memchr(base + start, 0x0A, p.count - start) else { return nil }
            return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }

    private func makeHead(_ buffer: [UInt8]) throws(HTTPParseError) -> RequestHead {
        guard let requestLine else { throw .malformed("no request line") }
        var head = try Self.parseRequestLine(buffer[requestLine])
        for line in fieldLines {
            let (name, value) = try Self.parseField(buffer[line])
            head.headers.add(name, value)
        }
        try HeadSemantics.apply(to: &head)
        return head
    }

    /// `http://host[:port][/path][?query]` (or https) as `/path[?query]`; nil for any other form.
    static func originForm(ofAbsolute target: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        let lower = target.prefix(8).map { $0 | 0x20 }
        let schemeLength: Int
        if lower.starts(with: Array("http://".utf8)) { schemeLength = 7 }
        else if lower.starts(with: Array("https://".utf8)) { schemeLength = 8 }
        else { return nil }
        let afterScheme = target.dropFirst(schemeLength)
        guard let authorityEnd = afterScheme.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) else {
            return afterScheme.isEmpty ? nil : ArraySlice("/".utf8)
        }
        guard authorityEnd > afterScheme.startIndex else { return nil }
        let rest = target[authorityEnd...]
        return rest.first == UInt8(ascii: "?") ? ArraySlice("/".utf8) + rest : rest
    }

    /// RFC 9112 §3: method SP request-target SP HTTP-version, single spaces, nothing else.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> RequestHead {
        let parts = line.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("request line") }
        let (method, rawTarget, version) = (parts[0], parts[1], parts[2])
        guard !method.isEmpty, method.allSatisfy(ByteClass.isToken) else { throw .malformed("method") }
        guard !rawTarget.isEmpty, rawTarget.allSatisfy(ByteClass.isTarget) else { throw .malformed("target") }
        let methodString = String(decoding: method, as: UTF8.self)
        var target = rawTarget
        // RFC 9112 §3.2.2: a server must accept the absolute form (`http://host/path`); it is served
        // as its origin form. Authority form is for CONNECT only, which an origin server refuses.
        if let origin = originForm(ofAbsolute: target) { target = origin }
        if target.first != UInt8(ascii: "/") {
            guard target.count == 1, target.first == UInt8(ascii: "*"), methodString == "OPTIONS"
            else { throw .malformed("request-target form") }
        }
        let isHTTP11: Bool
        switch Array(version) {
        case Array("HTTP/1.1".utf8): isHTTP11 = true
        case Array("HTTP/1.0".utf8): isHTTP11 = false
        case let v where v.count == 8 && v.starts(with: "HTTP/".utf8) && isDigit(v[5]) && v[6] == 0x2E && isDigit(v[7]):
            throw .versionNotSupported
        default:
            throw .malformed("version")
        }
        return RequestHead(method: methodString, target: String(decoding: target, as: UTF8.self),
                           isHTTP11: isHTTP11, headers: HTTPHeaders())
    }

    /// RFC 9112 §5: field-name ":" OWS field-value OWS. No space before the colon (§5.1), no
    /// obs-fold (§5.2), no CR, LF or NUL in the value.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (String, String) {
        guard let colon = line.firstIndex(of: 0x3A) else { throw .malformed("field without colon") }
        let name = line[line.startIndex..<colon]
        guard !name.isEmpty, name.allSatisfy(ByteClass.isToken) else { throw .malformed("field name") }
        var value = line[(colon + 1)...]
        guard value.allSatisfy(ByteClass.isFieldValue) else { throw .malformed("field value") }
        while let f = value.first, f == 0x20 || f == 0x09 { value.removeFirst() }
        while let l = value.last, l == 0x20 || l == 0x09 { value.removeLast() }
        return (String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
}
