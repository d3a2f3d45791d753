/// Cookie parsing (RFC 6265 §5.4) and `Set-Cookie` building (§4.1).
public enum Cookies {
    public static func parse(_ headerValues: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for header in headerValues {
            for pair in header.split(separator: ";") {
                let trimmed = pair.trimmingASCIIWhitespace()
                guard let eq = trimmed.firstIndex(of: "=") else { continue }
                let name = String(trimmed[..<eq])
                var value = trimmed[trimmed.index(after: eq)...]
                if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
                if result[name] == nil { result[name] = String(value) }
            }
        }
        return result
    }
}

/// A `Set-Cookie` value. Defaults are the safe ones: HttpOnly, SameSite=Lax, Path=/.
public struct SetCookie: Sendable {
    public var name: String
    public var value: String
    public var path = "/"
    public var maxAge: Int?
    public var httpOnly = true
    public var secure = false
    public var sameSite = "Lax"

    public init(name: String, value: String, maxAge: Int? = nil, secure: Bool = false) {
        self.name = name
        self.value = value
        self.maxAge = maxAge
        self.secure = secure
    }

    public var headerValue: String {
        var s = "\(name)=\(value); Path=\(path)"
        if let maxAge { s += "; Max-Age=\(maxAge)" }
        if httpOnly { s += "; HttpOnly" }
        if secure { s += "; Secure" }
        s += "; SameSite=\(sameSite)"
        return s
    }
}
