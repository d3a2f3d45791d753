/// A parsed `Content-Type` value: type/subtype and parameters (RFC 9110 §8.3.1).
public struct MediaType: Sendable {
    public let type: String
    public let parameters: [String: String]

    public init(_ value: String) {
        let parts = value.split(separator: ";")
        type = parts.first.map { String($0.trimmingASCIIWhitespace()).lowercased() } ?? ""
        var params: [String: String] = [:]
        for part in parts.dropFirst() {
            guard let eq = part.firstIndex(of: "=") else { continue }
            let name = part[..<eq].trimmingASCIIWhitespace().lowercased()
            var v = part[part.index(after: eq)...].trimmingASCIIWhitespace()
            if v.count >= 2, v.first == "\"", v.last == "\"" { v = v.dropFirst().dropLast() }
            params[name] = String(v)
        }
        parameters = params
    }

    public func isType(_ other: String) -> Bool { type == other.lowercased() }
}
