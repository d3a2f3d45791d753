/// A template compiled for one locale and one set of view types: the layout, its blocks and every
/// partial are resolved into one tree; text is pre-encoded as UTF-8 and merged into as few byte
/// runs as possible; `{{t "key"}}` with literal arguments is translated now; and every name is
/// resolved against the view types' field tables, so a name no view has is an error at compile
/// time (start-up) with file and line, and a render reads fields without hashing names.
///
/// Each node holds one reference: walking the tree retains one object per node rather than every
/// string and array in it, which was most of a list page's rendering time.
enum CompiledNode: Sendable {
    case bytes([UInt8])
    case variable(VariableNode)
    case helper(HelperNode)
    case section(SectionNode)
}

final class VariableNode: Sendable {
    let lookup: Lookup
    let escaped: Bool
    let file: String
    let line: Int
    init(_ lookup: Lookup, escaped: Bool, file: String, line: Int) {
        self.lookup = lookup; self.escaped = escaped; self.file = file; self.line = line
    }
}

final class HelperNode: Sendable {
    let helper: TemplateHelper
    let arguments: [CompiledArgument]
    let escaped: Bool
    let file: String
    let line: Int
    init(_ helper: @escaping TemplateHelper, arguments: [CompiledArgument], escaped: Bool, file: String, line: Int) {
        self.helper = helper; self.arguments = arguments; self.escaped = escaped; self.file = file; self.line = line
    }
}

final class SectionNode: Sendable {
    let lookup: Lookup
    let inverted: Bool
    let children: [CompiledNode]
    let file: String
    let line: Int
    init(_ lookup: Lookup, inverted: Bool, children: [CompiledNode], file: String, line: Int) {
        self.lookup = lookup; self.inverted = inverted; self.children = children; self.file = file; self.line = line
    }
}

enum CompiledArgument: Sendable {
    case literal(TemplateValue)
    case lookup(Lookup)
}

/// Where a name is read from, decided at compile time: untyped frames that might hold it (checked
/// in order when rendering) and then at most one typed frame known to hold it.
final class Lookup: Sendable {
    enum Step: Sendable {
        case field(AnyField)
        /// Inside an untyped value: looked up by name when rendering.
        case key(String)
        /// The view under this name in a keyed field.
        case entry(String, ViewType)
    }

    /// What the typed candidate yields, as far as the compiler knows.
    enum Kind: Sendable {
        case value(scalar: Bool)
        case object(ViewType)
        case list(ViewType)
    }

    enum Candidate: Sendable {
        case dynamic(frame: Int)
        case typed(frame: Int, steps: [Step])
        /// `{{.}}`: the frame itself.
        case current(frame: Int)
    }

    let path: [String]
    let candidates: [Candidate]
    /// The kind the typed candidate yields (nil: no typed candidate).
    let kind: Kind?

    init(path: [String], candidates: [Candidate], kind: Kind?) {
        self.path = path; self.candidates = candidates; self.kind = kind
    }
}

/// What the compiler knows about each frame of the render stack.
enum ScopeFrame {
    case typed(ViewType)
    case dynamic
    /// A section over a scalar (a flag, a text): a frame with no names in it.
    case opaque
}

struct TemplateCompiler {
    let templates: [String: Template]
    let helpers: [String: TemplateHelper]
    let context: HelperContext

    /// Deeper nesting of layouts and partials than any page needs means a partial includes itself.
    static let maxDepth = 24

    private struct Block { let nodes: [TemplateNode]; let file: String }

    func compile(_ template: Template, scope: [ScopeFrame]) throws -> [CompiledNode] {
        merge(try compile(template.nodes, blocks: [:], file: template.file, scope: scope, depth: 0))
    }

    private func compile(_ nodes: [TemplateNode], blocks: [String: Block], file: String, scope: [ScopeFrame],
                         depth: Int) throws -> [CompiledNode] {
        var out: [CompiledNode] = []
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(.bytes(Array(text.utf8)))
            case .variable(let path, let escaped, let line):
                let lookup = try resolve(path, scope: scope, file: file, line: line)
                if lookup.candidates.count == 1, let kind = lookup.kind, kind.isView {
                    throw TemplateError(file: file, line: line, message: "\(path.joined(separator: ".")) is a view or a list, not a value")
                }
                out.append(.variable(VariableNode(lookup, escaped: escaped, file: file, line: line)))
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
                    let compiled = try arguments.map { argument -> CompiledArgument in
                        switch argument {
                        case .literal(let s): return .literal(.string(s))
                        case .path(let p): return .lookup(try resolve(p, scope: scope, file: file, line: line))
                        }
                    }
                    out.append(.helper(HelperNode(helper, arguments: compiled, escaped: escaped, file: file, line: line)))
                }
            case .section(let path, let inverted, let children, let line):
                let lookup = try resolve(path, scope: scope, file: file, line: line)
                // An inverted section renders in the same frame; a section pushes what it opened.
                let inner = inverted ? scope : scope + [childScope(lookup)]
                let compiled = merge(try compile(children, blocks: blocks, file: file, scope: inner, depth: depth))
                out.append(.section(SectionNode(lookup, inverted: inverted, children: compiled, file: file, line: line)))
            case .partial(let name, let line):
                guard let partial = templates[name] else { throw TemplateError(file: file, line: line, message: "unknown partial \(name)") }
                guard depth < Self.maxDepth else { throw TemplateError(file: file, line: line, message: "partial \(name) includes itself") }
                out += try compile(partial.nodes, blocks: blocks, file: partial.file, scope: scope, depth: depth + 1)
            case .block(let name, let children):
                if let replacement = blocks[name] {
                    out += try compile(replacement.nodes, blocks: blocks, file: replacement.file, scope: scope, depth: depth + 1)
                } else {
                    out += try compile(children, blocks: blocks, file: file, scope: scope, depth: depth)
                }
            case .parent(let name, let childBlocks, let line):
                guard let parent = templates[name] else { throw TemplateError(file: file, line: line, message: "unknown layout \(name)") }
                guard depth < Self.maxDepth else { throw TemplateError(file: file, line: line, message: "layout \(name) extends itself") }
                // The innermost template's blocks win over those of templates further out.
                var merged = blocks
                for (blockName, nodes) in childBlocks where merged[blockName] == nil { merged[blockName] = Block(nodes: nodes, file: file) }
                out += try compile(parent.nodes, blocks: merged, file: parent.file, scope: scope, depth: depth + 1)
            }
        }
        return out
    }

    /// Resolves a name as Mustache would at render time — innermost frame first — but now: untyped
    /// frames become checks made when rendering, the first typed frame with the field ends the
    /// search, and a name that no frame can hold is an error.
    func resolve(_ path: [String], scope: [ScopeFrame], file: String, line: Int) throws -> Lookup {
        if path == ["."] { return Lookup(path: path, candidates: [.current(frame: scope.count - 1)], kind: nil) }
        var candidates: [Lookup.Candidate] = []
        for index in scope.indices.reversed() {
            switch scope[index] {
            case .opaque:
                continue
            case .dynamic:
                candidates.append(.dynamic(frame: index))
            case .typed(let type):
                guard let first = type.fields[path[0]] else { continue }
                var steps: [Lookup.Step] = [.field(first)]
                var kind = Self.kind(of: first)
                var pendingKeyed: ViewType?
                if case .keyed(let inner, _) = first { pendingKeyed = inner }
                var untyped = false
                for name in path.dropFirst() {
                    if untyped { steps.append(.key(name)); continue }
                    if let inner = pendingKeyed {
                        steps.append(.entry(name, inner))
                        kind = .object(inner)
                        pendingKeyed = nil
                        continue
                    }
                    switch kind {
                    case .value(scalar: true):
                        throw TemplateError(file: file, line: line, message: "\(path.joined(separator: ".")): a text, number or date has no fields")
                    case .value:
                        untyped = true
                        steps.append(.key(name))
                    case .object(let inner):
                        guard let next = inner.fields[name] else {
                            throw TemplateError(file: file, line: line, message: "\(inner.name) has no field \(name) (in \(path.joined(separator: ".")))")
                        }
                        steps.append(.field(next))
                        kind = Self.kind(of: next)
                        if case .keyed(let innerType, _) = next { pendingKeyed = innerType }
                    case .list:
                        throw TemplateError(file: file, line: line, message: "\(path.joined(separator: ".")): a list has no fields")
                    }
                }
                if pendingKeyed != nil {
                    throw TemplateError(file: file, line: line, message: "\(path.joined(separator: ".")) needs a name after it")
                }
                candidates.append(.typed(frame: index, steps: steps))
                return Lookup(path: path, candidates: candidates, kind: kind)
            }
        }
        guard !candidates.isEmpty else {
            let views = scope.compactMap { if case .typed(let t) = $0 { t.name } else { nil } }.joined(separator: ", ")
            throw TemplateError(file: file, line: line, message: "no field \(path[0]) in \(views)")
        }
        return Lookup(path: path, candidates: candidates, kind: nil)
    }

    private static func kind(of field: AnyField) -> Lookup.Kind {
        switch field {
        case .value(let scalar, _): .value(scalar: scalar)
        case .object(let type, _), .keyed(let type, _): .object(type)
        case .list(let type, _): .list(type)
        }
    }

    /// What a section over `lookup` pushes, as far as the compiler can tell.
    private func childScope(_ lookup: Lookup) -> ScopeFrame {
        guard lookup.candidates.count == 1, let kind = lookup.kind else { return .dynamic }
        switch kind {
        case .object(let type), .list(let type): return type.isDynamic ? .dynamic : .typed(type)
        case .value(let scalar): return scalar ? .opaque : .dynamic
        }
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

extension Lookup.Kind {
    var isView: Bool { if case .value = self { false } else { true } }
}
