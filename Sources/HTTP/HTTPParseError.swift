/// Why a request could not be read. Each maps to the status the client gets before the server
/// closes the connection (RFC 9112 §2.2: a server that cannot parse a request must not reuse it).
enum HTTPParseError: Error, Equatable {
    case malformed(String)
    case requestLineTooLong
    case headersTooLarge
    case bodyTooLarge
    case versionNotSupported
    case timeout
    /// The route's head check refused the request: its body is not read at all.
    case refused

    var status: HTTPStatus {
        switch self {
        case .malformed: .badRequest
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge: .headerFieldsTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .versionNotSupported: .versionNotSupported
        case .timeout: .requestTimeout
        case .refused: .forbidden
        }
    }
}

/// Byte classes from RFC 9110 §5.6.2 (tchar) and §5.5 (field-vchar).
enum ByteClass {
    private static let tokenTable: [Bool] = (0..<256).map { b in
        switch UInt8(b) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "A")...UInt8(ascii: "Z"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(UInt8(b))
        }
    }

    @inline(__always) static func isToken(_ b: UInt8) -> Bool { tokenTable[Int(b)] }

    /// VCHAR, obs-text, SP and HTAB: everything a field value may hold. CR, LF and NUL may not.
    @inline(__always) static func isFieldValue(_ b: UInt8) -> Bool {
        b == 0x09 || (b >= 0x20 && b != 0x7F)
    }

    /// Request-target bytes: visible ASCII, plus raw UTF-8 that some clients send unencoded.
    @inline(__always) static func isTarget(_ b: UInt8) -> Bool {
        (b > 0x20 && b < 0x7F) || b >= 0x80
    }
}
