/// A template compiled for one locale, once at start-up (and again on change with `--dev`):
/// the layout, its blocks and every partial are resolved into one tree, text is pre-encoded as
/// UTF-8 and merged into as few byte runs as possible, and `{{t "key"}}` with literal arguments is
/// translated now, so the layout's dozens of messages cost nothing per request.
indirect enum CompiledNode: Sendable {
    case bytes([UInt8])
    case variable(path: [String], escaped: Bool, file: String, line: Int)
    case helper(TemplateHelper, name: String, arguments: [HelperArgument], escaped: Bool, file: String, line: Int)
    case section(path: [String], inverted: Bool, children: [CompiledNode], file: String, line: Int)
}

struct TemplateCompiler {
    let templates: [String: Template]
    let helpers: [String: TemplateHelper]
    let context: HelperContext

    /// Deeper nesting of layouts and partials than any page needs means a partial includes itself.
    static let maxDepth = 24

    private struct Block { let nodes: [TemplateNode]; let file: String }

    func compile(_ template: Template) throws -> [CompiledNode] {
        merge(try compile(template.nodes, blocks: [:], file: template.file, depth: 0))
    }

    private func compile(_ nodes: [TemplateNode], blocks: [String: Block], file: String, depth: Int) throws -> [CompiledNode] {
        var out: [CompiledNode] = []
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(.bytes(Array(text.utf8)))
            case .variable(let path, let escaped, let line):
                out.append(.variable(path: path, escaped: escaped, file: file, line: line))
            case .helper(let name, let arguments, let escaped, let line):
                guard let helper = helpers[name] else { throw TemplateError(file: file, line: line, message: "unknown helper \(name)") }
                let literals = arguments.compactMap { if case .literal(let s) = $0 { TemplateValue.string(s) } else { nil } }
                if name == "t" && literals.count == arguments.count {
                    let text: String
                    do { text = try helper(literals, context) } catch let failure as HelperFailure {
                        throw TemplateError(file: file, line: line, message: failure.message)
                    }
                    out.append(.bytes(escaped ? Array(HTML.escape(text).utf8) : Array(text.utf8)))
                } else {
                    out.append(.helper(helper, name: name, arguments: arguments, escaped: escaped, file: file, line: line))
                }
            case .section(let path, let inverted, let children, let line):
                let compiled = merge(try compile(children, blocks: blocks, file: file, depth: depth))
                out.append(.section(path: path, inverted: inverted, children: compiled, file: file, line: line))
            case .partial(let name, let line):
                guard let partial = templates[name] else { throw TemplateError(file: file, line: line, message: "unknown partial \(name)") }
                guard depth < Self.maxDepth else { throw TemplateError(file: file, line: line, message: "partial \(name) includes itself") }
                out += try compile(partial.nodes, blocks: blocks, file: partial.file, depth: depth + 1)
            case .block(let name, let children):
                if let replacement = blocks[name] {
                    out += try compile(replacement.nodes, blocks: blocks, file: replacement.file, depth: depth + 1)
                } else {
                    out += try compile(children, blocks: blocks, file: file, depth: depth)
                }
            case .parent(let name, let childBlocks, let line):
                guard let parent = templates[name] else { throw TemplateError(file: file, line: line, message: "unknown layout \(name)") }
                guard depth < Self.maxDepth else { throw TemplateError(file: file, line: line, message: "layout \(name) extends itself") }
                // The innermost template's blocks win over those of templates further out.
                var merged = blocks
                for (blockName, nodes) in childBlocks where merged[blockName] == nil { merged[blockName] = Block(nodes: nodes, file: file) }
                out += try compile(parent.nodes, blocks: merged, file: parent.file, depth: depth + 1)
            }
        }
        return out
    }

    /// Joins neighbouring byte runs, so a page is a few large copies between its variables.
    private func merge(_ nodes: [CompiledNode]) -> [CompiledNode] {
        var out: [CompiledNode] = []
        out.reserveCapacity(nodes.count)
        for node in nodes {
            if case .bytes(let more) = node, case .bytes(var run)? = out.last {
                out.removeLast()
                run.append(contentsOf: more)
                out.append(.bytes(run))
            } else if case .bytes(let b) = node, b.isEmpty {
                continue
            } else {
                out.append(node)
            }
        }
        return out
    }
}
