import Foundation

/// The data a template renders: what handlers build for a page. Literals make it read like JSON:
/// `["title": "団体一覧", "count": 3, "items": [...]]`.
public enum TemplateValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case date(Date)
    case list([TemplateValue])
    case dict([String: TemplateValue])

    /// Mustache truthiness: false, null, empty lists and empty strings hide a section.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let b): b
        case .list(let l): !l.isEmpty
        case .string(let s): !s.isEmpty
        case .int, .date, .dict: true
        }
    }

    /// The text a variable tag prints (before escaping).
    var text: String {
        switch self {
        case .null: ""
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .string(let s): s
        case .date(let d): ISO8601Text.format(d)
        case .list(let l): l.map(\.text).joined(separator: ", ")
        case .dict: ""
        }
    }

    public subscript(key: String) -> TemplateValue? {
        if case .dict(let d) = self { return d[key] }
        return nil
    }

    /// Adds or replaces keys of a dictionary value.
    public func merging(_ other: [String: TemplateValue]) -> TemplateValue {
        guard case .dict(var d) = self else { return .dict(other) }
        for (k, v) in other { d[k] = v }
        return .dict(d)
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dict(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    public init(nilLiteral: ()) { self = .null }
}

extension TemplateValue {
    public init(_ string: String?) { self = string.map(TemplateValue.string) ?? .null }
    public init(_ int: Int?) { self = int.map(TemplateValue.int) ?? .null }
    public init(_ int: Int64?) { self = int.map { .int(Int($0)) } ?? .null }
    public init(_ date: Date?) { self = date.map(TemplateValue.date) ?? .null }
}

enum ISO8601Text {
    static func format(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var t = tm()
        gmtime_r(&seconds, &t)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec)
    }
}
