/// Parses the Mustache-like syntax into nodes, reporting errors with file and line.
struct TemplateParser {
    private enum Frame {
        case section(path: [String], inverted: Bool, line: Int)
        case block(name: String, line: Int)
        case parent(name: String, line: Int)
    }

    let file: String

    func parse(_ source: String) throws -> [TemplateNode] {
        var stack: [(frame: Frame?, nodes: [TemplateNode])] = [(nil, [])]
        var rest = Substring(source)
        var line = 1
        while let open = rest.range(of: "{{") {
            let text = rest[..<open.lowerBound]
            if !text.isEmpty { stack[stack.count - 1].nodes.append(.text(String(text))) }
            line += text.count { $0 == "\n" }
            let afterOpen = rest[open.upperBound...]
            let triple = afterOpen.hasPrefix("{")
            let closer = triple ? "}}}" : "}}"
            let bodyStart = triple ? afterOpen.index(after: afterOpen.startIndex) : afterOpen.startIndex
            guard let close = afterOpen[bodyStart...].range(of: closer) else {
                throw TemplateError(file: file, line: line, message: "unclosed tag")
            }
            let raw = afterOpen[bodyStart..<close.lowerBound]
            if raw.contains("\n") && !raw.hasPrefix("!") {
                throw TemplateError(file: file, line: line, message: "a tag may not span lines")
            }
            let tag = raw.trimmingCharacters(in: " ")
            rest = afterOpen[close.upperBound...]
            if triple {
                stack[stack.count - 1].nodes.append(try expression(tag, escaped: false, line: line))
                continue
            }
            guard let sigil = tag.first else { throw TemplateError(file: file, line: line, message: "empty tag") }
            let name = String(tag.dropFirst()).trimmingCharacters(in: " ")
            switch sigil {
            case "!":
                line += raw.count { $0 == "\n" }
            case "#", "^":
                stack.append((.section(path: try path(name, line: line), inverted: sigil == "^", line: line), []))
            case "$":
                try requireName(name, line: line)
                stack.append((.block(name: name, line: line), []))
            case "<":
                try requireName(name, line: line)
                stack.append((.parent(name: name, line: line), []))
            case ">":
                try requireName(name, line: line)
                stack[stack.count - 1].nodes.append(.partial(name: name, line: line))
            case "/":
                guard stack.count > 1, let (frame, children) = stack.popLast(), let frame else {
                    throw TemplateError(file: file, line: line, message: "closing tag {{/\(name)}} without an opening tag")
                }
                stack[stack.count - 1].nodes.append(try closeFrame(frame, children, name: name, line: line))
            case "{", "&", "=":
                throw TemplateError(file: file, line: line, message: "unsupported tag {{\(tag)}}")
            default:
                stack[stack.count - 1].nodes.append(try expression(tag, escaped: true, line: line))
            }
        }
        if !rest.isEmpty { stack[stack.count - 1].nodes.append(.text(String(rest))) }
        if stack.count > 1, let frame = stack.last?.frame {
            throw TemplateError(file: file, line: frameLine(frame), message: "\(frameDescription(frame)) is never closed")
        }
        return stack[0].nodes
    }

    private func closeFrame(_ frame: Frame, _ children: [TemplateNode], name: String, line: Int) throws -> TemplateNode {
        switch frame {
        case .section(let path, let inverted, let openLine):
            guard path.joined(separator: ".") == name else { throw mismatch(frame, name, line) }
            return .section(path: path, inverted: inverted, children: children, line: openLine)
        case .block(let blockName, _):
            guard blockName == name else { throw mismatch(frame, name, line) }
            return .block(name: blockName, children: children)
        case .parent(let parentName, let openLine):
            guard parentName == name else { throw mismatch(frame, name, line) }
            var blocks: [String: [TemplateNode]] = [:]
            for child in children {
                switch child {
                case .block(let blockName, let nodes): blocks[blockName] = nodes
                case .text(let t) where t.allSatisfy(\.isWhitespace): continue
                default:
                    throw TemplateError(file: file, line: openLine, message: "inside {{<\(parentName)}} only {{$block}} tags may appear")
                }
            }
            return .parent(name: parentName, blocks: blocks, line: openLine)
        }
    }

    /// `name`, `a.b.c`, `.`, or a helper call `t "key" arg`.
    private func expression(_ tag: String, escaped: Bool, line: Int) throws -> TemplateNode {
        let parts = try words(tag, line: line)
        guard let first = parts.first, case .path(let head) = first else {
            throw TemplateError(file: file, line: line, message: "expected a name in {{\(tag)}}")
        }
        if parts.count == 1 { return .variable(path: head, escaped: escaped, line: line) }
        guard head.count == 1 else { throw TemplateError(file: file, line: line, message: "helper name expected in {{\(tag)}}") }
        return .helper(name: head[0], arguments: Array(parts.dropFirst()), escaped: escaped, line: line)
    }

    private func words(_ tag: String, line: Int) throws -> [HelperArgument] {
        var result: [HelperArgument] = []
        var rest = Substring(tag)
        while let c = rest.first {
            if c == " " { rest.removeFirst(); continue }
            if c == "\"" {
                rest.removeFirst()
                guard let end = rest.firstIndex(of: "\"") else {
                    throw TemplateError(file: file, line: line, message: "unterminated string in {{\(tag)}}")
                }
                result.append(.literal(String(rest[..<end])))
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.firstIndex(of: " ") ?? rest.endIndex
                result.append(.path(try path(String(rest[..<end]), line: line)))
                rest = rest[end...]
            }
        }
        return result
    }

    private func path(_ text: String, line: Int) throws -> [String] {
        if text == "." { return ["."] }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !text.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else {
            throw TemplateError(file: file, line: line, message: "invalid name \"\(text)\"")
        }
        return parts
    }

    private func requireName(_ name: String, line: Int) throws {
        guard !name.isEmpty, !name.contains(" ") else { throw TemplateError(file: file, line: line, message: "invalid name \"\(name)\"") }
    }

    private func mismatch(_ frame: Frame, _ name: String, _ line: Int) -> TemplateError {
        TemplateError(file: file, line: line, message: "{{/\(name)}} closes \(frameDescription(frame)) opened on line \(frameLine(frame))")
    }

    private func frameLine(_ frame: Frame) -> Int {
        switch frame {
        case .section(_, _, let l), .block(_, let l), .parent(_, let l): l
        }
    }

    private func frameDescription(_ frame: Frame) -> String {
        switch frame {
        case .section(let p, let inv, _): "{{\(inv ? "^" : "#")\(p.joined(separator: "."))}}"
        case .block(let n, _): "{{$\(n)}}"
        case .parent(let n, _): "{{<\(n)}}"
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
