/// A field value in the audit trail's before/after JSON.
public enum AuditValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral {
    case null
    case string(String)
    case int(Int64)
    case bool(Bool)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(_ value: String?) { self = value.map(AuditValue.string) ?? .null }
    public init(_ value: Int?) { self = value.map { .int(Int64($0)) } ?? .null }
    public init(_ value: Int64?) { self = value.map(AuditValue.int) ?? .null }

    var json: String {
        switch self {
        case .null: "null"
        case .int(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        case .string(let s): JSON.quote(s)
        }
    }

    /// As shown in the history panel and the CSV.
    public var display: String {
        switch self {
        case .null: "—"
        case .int(let i): String(i)
        case .bool(let b): b ? "✓" : "✗"
        case .string(let s): s
        }
    }
}

/// Just enough JSON for the audit trail: objects of scalar fields, keys sorted for stable output.
enum JSON {
    static func object(_ fields: [String: AuditValue]) -> String {
        "{" + fields.sorted { $0.key < $1.key }.map { "\(quote($0.key)):\($0.value.json)" }.joined(separator: ",") + "}"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Parses what `object` wrote back into fields.
    static func parseObject(_ text: String) -> [String: AuditValue] {
        (try? JSONDecoder().decode([String: AuditValue].self, from: Data(text.utf8))) ?? [:]
    }
}

extension AuditValue: Decodable {
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let i = try? c.decode(Int64.self) { self = .int(i) }
        else { self = .string(try c.decode(String.self)) }
    }
}

import Foundation
