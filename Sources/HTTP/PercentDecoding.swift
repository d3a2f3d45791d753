/// Percent-decoding (RFC 3986 §2.1) into UTF-8 text; malformed escapes or invalid UTF-8 are 400s.
enum PercentDecoding {
    static func decode<S: StringProtocol>(_ text: S, plusIsSpace: Bool = false) throws(HTTPError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = text.utf8.makeIterator()
        var changed = false
        while let b = it.next() {
            if b == UInt8(ascii: "%") {
                guard let h = it.next().flatMap(hex), let l = it.next().flatMap(hex) else {
                    throw HTTPError(.badRequest, message: "Malformed percent-encoding.")
                }
                bytes.append(h << 4 | l)
                changed = true
            } else if plusIsSpace && b == UInt8(ascii: "+") {
                bytes.append(0x20)
                changed = true
            } else {
                bytes.append(b)
            }
        }
        // Control characters other than tab, line feed and carriage return have no place in a form
        // or a query (a NUL made SQLite's full-text parser fail with a 500): refused here, at input.
        if bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) {
            throw HTTPError(.badRequest, message: "Control characters are not allowed in form fields or queries.")
        }
        if !changed, let s = text as? String { return s }
        guard let s = String(validating: bytes, as: UTF8.self) else {
            throw HTTPError(.badRequest, message: "Text is not valid UTF-8.")
        }
        return s
    }

    static func pathSegments(_ rawPath: Substring) throws(HTTPError) -> [String] {
        var segments: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            let segment = try decode(raw)
            if segment.utf8.contains(0) { throw HTTPError(.badRequest, message: "NUL in path.") }
            segments.append(segment)
        }
        return segments
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
