/// Renders compiled templates. Variables are HTML-escaped unless written `{{{raw}}}`.
struct TemplateRenderer {
    let helpers: [String: TemplateHelper]
    let context: HelperContext
    /// In strict mode (tests, --dev) a missing variable is an error; in production it renders empty.
    let strict: Bool

    /// The rendered page as UTF-8 bytes: written straight into one buffer, with no String
    /// concatenation (which checks grapheme boundaries at every join) on the way.
    func render(_ nodes: [CompiledNode], _ value: TemplateValue, sizeHint: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(sizeHint)
        var stack = [value]
        stack.reserveCapacity(8)
        try render(nodes, stack: &stack, into: &out)
        return out
    }

    /// `stack` is the context chain, innermost last; sections push onto it and pop when done
    /// (no copy per item, which profiling showed to dominate list pages).
    private func render(_ nodes: [CompiledNode], stack: inout [TemplateValue], into out: inout [UInt8]) throws {
        for node in nodes {
            switch node {
            case .bytes(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let path, let escaped, let file, let line):
                let value = try lookup(path, in: stack, file: file, line: line)
                if escaped { HTML.escape(value.text, into: &out) } else { out.append(contentsOf: value.text.utf8) }
            case .helper(let helper, _, let arguments, let escaped, let file, let line):
                let values = try arguments.map { argument -> TemplateValue in
                    switch argument {
                    case .literal(let s): return .string(s)
                    case .path(let p): return try lookup(p, in: stack, file: file, line: line)
                    }
                }
                let text: String
                do { text = try helper(values, context) } catch let failure as HelperFailure {
                    throw TemplateError(file: file, line: line, message: failure.message)
                }
                if escaped { HTML.escape(text, into: &out) } else { out.append(contentsOf: text.utf8) }
            case .section(let path, let inverted, let children, let file, let line):
                let value = try lookup(path, in: stack, file: file, line: line)
                if inverted {
                    if !value.isTruthy { try render(children, stack: &stack, into: &out) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        defer { stack.removeLast() }
                        try render(children, stack: &stack, into: &out)
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    defer { stack.removeLast() }
                    try render(children, stack: &stack, into: &out)
                }
            }
        }
    }

    private func lookup(_ path: [String], in stack: [TemplateValue], file: String, line: Int) throws -> TemplateValue {
        if path == ["."] { return stack.last ?? .null }
        for frame in stack.reversed() {
            guard var value = frame[path[0]] else { continue }
            for key in path.dropFirst() {
                guard let next = value[key] else { return try missing(path, file: file, line: line) }
                value = next
            }
            return value
        }
        return try missing(path, file: file, line: line)
    }

    private func missing(_ path: [String], file: String, line: Int) throws -> TemplateValue {
        if strict { throw TemplateError(file: file, line: line, message: "missing variable \(path.joined(separator: "."))") }
        return .null
    }
}

/// HTML escaping for text and attribute values: `& < > " '`.
public enum HTML {
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
