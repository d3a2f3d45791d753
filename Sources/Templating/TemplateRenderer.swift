/// One frame of the render stack: a typed view (read through compiled field accessors) or an
/// untyped value (read by name).
enum Frame {
    /// A view and its field table (for the rare names the compiler could not resolve in advance).
    case typed(AnyObject, [String: AnyField])
    case dynamic(TemplateValue)
}

/// Renders compiled templates. Variables are HTML-escaped unless written `{{{raw}}}`.
struct TemplateRenderer {
    let context: HelperContext
    /// In strict mode (tests, --dev) a missing variable is an error; in production it renders empty.
    let strict: Bool

    /// What a name resolved to when rendering.
    private enum Resolved {
        case value(TemplateValue)
        case object(AnyObject, [String: AnyField])
        case list([AnyObject], [String: AnyField])
    }

    /// The rendered page as UTF-8 bytes: written straight into one buffer, with no String
    /// concatenation (which checks grapheme boundaries at every join) on the way.
    func render(_ nodes: [CompiledNode], frames: [Frame], sizeHint: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(sizeHint)
        var stack = frames
        stack.reserveCapacity(frames.count + 6)
        try render(nodes, stack: &stack, into: &out)
        return out
    }

    /// `stack` is the context chain, innermost last; sections push onto it and pop when done.
    private func render(_ nodes: [CompiledNode], stack: inout [Frame], into out: inout [UInt8]) throws {
        for node in nodes {
            switch node {
            case .bytes(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let node):
                guard case .value(let value) = try resolve(node.lookup, in: stack, file: node.file, line: node.line) else { continue }
                if node.escaped { HTML.escape(value, into: &out) } else { out.append(contentsOf: value.text.utf8) }
            case .helper(let node):
                let values = try node.arguments.map { argument -> TemplateValue in
                    switch argument {
                    case .literal(let v): return v
                    case .lookup(let l):
                        if case .value(let v) = try resolve(l, in: stack, file: node.file, line: node.line) { return v }
                        return .null
                    }
                }
                let text: String
                do { text = try node.helper(values, context) } catch let failure as HelperFailure {
                    throw TemplateError(file: node.file, line: node.line, message: failure.message)
                }
                if node.escaped { HTML.escape(text, into: &out) } else { out.append(contentsOf: text.utf8) }
            case .section(let node):
                let children = node.children
                let resolved = try resolve(node.lookup, in: stack, file: node.file, line: node.line)
                if node.inverted {
                    let truthy: Bool
                    switch resolved {
                    case .value(let v): truthy = v.isTruthy
                    case .object: truthy = true
                    case .list(let items, _): truthy = !items.isEmpty
                    }
                    if !truthy { try render(children, stack: &stack, into: &out) }
                    continue
                }
                switch resolved {
                case .value(.list(let items)):
                    for item in items {
                        stack.append(.dynamic(item))
                        defer { stack.removeLast() }
                        try render(children, stack: &stack, into: &out)
                    }
                case .value(let v):
                    guard v.isTruthy else { continue }
                    stack.append(.dynamic(v))
                    defer { stack.removeLast() }
                    try render(children, stack: &stack, into: &out)
                case .object(let o, let fields):
                    stack.append(.typed(o, fields))
                    defer { stack.removeLast() }
                    try render(children, stack: &stack, into: &out)
                case .list(let items, let fields):
                    for item in items {
                        stack.append(.typed(item, fields))
                        defer { stack.removeLast() }
                        try render(children, stack: &stack, into: &out)
                    }
                }
            }
        }
    }

    private func resolve(_ lookup: Lookup, in stack: [Frame], file: String, line: Int) throws -> Resolved {
        for candidate in lookup.candidates {
            switch candidate {
            case .current(let index):
                guard index >= 0, index < stack.count else { break }
                switch stack[index] {
                case .dynamic(let v): return .value(v)
                case .typed(let o, let fields): return .object(o, fields)
                }
            case .dynamic(let index):
                guard index < stack.count else { continue }
                switch stack[index] {
                case .dynamic(let frame):
                    guard var value = frame[lookup.path[0]] else { continue }
                    for key in lookup.path.dropFirst() {
                        guard let next = value[key] else { return try missing(lookup.path, file: file, line: line) }
                        value = next
                    }
                    return .value(value)
                case .typed(let view, let fields):
                    // The compiler could not tell which frame would hold the name: read it by name.
                    guard let first = fields[lookup.path[0]] else { continue }
                    return try read(view, first: first, rest: lookup.path.dropFirst(), path: lookup.path, file: file, line: line)
                }
            case .typed(let index, let steps):
                guard index < stack.count, case .typed(var current, let fields) = stack[index] else { continue }
                var value: TemplateValue?
                var openedType: ViewType?
                var keyed: (@Sendable (AnyObject, String) -> AnyObject?)?
                for step in steps {
                    switch step {
                    case .field(.value(_, let get)):
                        value = get(current)
                    case .field(.object(let type, let get)):
                        guard let next = get(current) else { return .value(.null) }
                        current = next
                        openedType = type
                    case .field(.list(let type, let get)):
                        return .list(get(current), type.fields)
                    case .field(.keyed(_, let get)):
                        keyed = get
                    case .entry(let name, let type):
                        guard let get = keyed, let next = get(current, name) else { return .value(.null) }
                        current = next
                        openedType = type
                        keyed = nil
                    case .key(let key):
                        guard let next = value?[key] else { return try missing(lookup.path, file: file, line: line) }
                        value = next
                    }
                }
                return value.map(Resolved.value) ?? .object(current, openedType?.fields ?? fields)
            }
        }
        return try missing(lookup.path, file: file, line: line)
    }

    /// Reads a path from a typed view by name, for lookups the compiler left open.
    private func read(_ view: AnyObject, first: AnyField, rest: ArraySlice<String>, path: [String], file: String, line: Int) throws -> Resolved {
        var current = view
        var field = first
        var remaining = rest
        while true {
            switch field {
            case .value(_, let get):
                var value = get(current)
                for key in remaining {
                    guard let next = value[key] else { return try missing(path, file: file, line: line) }
                    value = next
                }
                return .value(value)
            case .list(let type, let get):
                return remaining.isEmpty ? .list(get(current), type.fields) : try missing(path, file: file, line: line)
            case .keyed(let type, let get):
                guard let key = remaining.first else { return try missing(path, file: file, line: line) }
                guard let next = get(current, key) else { return .value(.null) }
                let fields = type.fields
                remaining = remaining.dropFirst()
                guard let nextName = remaining.first else { return .object(next, fields) }
                guard let nextField = fields[nextName] else { return try missing(path, file: file, line: line) }
                current = next
                field = nextField
                remaining = remaining.dropFirst()
            case .object(let type, let get):
                guard let next = get(current) else { return .value(.null) }
                let fields = type.fields
                guard let key = remaining.first else { return .object(next, fields) }
                guard let nextField = fields[key] else { return try missing(path, file: file, line: line) }
                current = next
                field = nextField
                remaining = remaining.dropFirst()
            }
        }
    }

    private func missing(_ path: [String], file: String, line: Int) throws -> Resolved {
        if strict { throw TemplateError(file: file, line: line, message: "missing variable \(path.joined(separator: "."))") }
        return .value(.null)
    }
}

/// HTML escaping for text and attribute values: `& < > " '`.
public enum HTML {
    /// Appends a value's text, escaped; numbers need no escaping and no string.
    static func escape(_ value: TemplateValue, into out: inout [UInt8]) {
        switch value {
        case .int(let n): out.append(contentsOf: String(n).utf8)
        case .string(let s): escape(s, into: &out)
        default: escape(value.text, into: &out)
        }
    }

    /// Appends `text` to `out`, escaped. Runs without a special character are copied in one go:
    /// most text in a page has none, and a byte-at-a-time append was 7 % of a list page's time.
    static func escape(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[i] {
                case 0x26: replacement = "&amp;"
                case 0x3C: replacement = "&lt;"
                case 0x3E: replacement = "&gt;"
                case 0x22: replacement = "&quot;"
                case 0x27: replacement = "&#39;"
                default: continue
                }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
                start = i + 1
            }
            if bytes.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
        }
    }

    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
