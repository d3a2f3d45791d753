/// Start-up checks across all templates: references resolve, helpers exist, and every literal
/// message key is in every catalog.
struct TemplateChecker {
    let templates: [String: Template]
    let catalogs: [String: MessageCatalog]
    let helpers: [String: TemplateHelper]

    func check() throws {
        guard !catalogs.isEmpty else { throw TemplateError(file: "locales", line: 0, message: "no message catalogs") }
        for template in templates.values.sorted(by: { $0.name < $1.name }) {
            try check(template.nodes, file: template.file)
        }
    }

    private func check(_ nodes: [TemplateNode], file: String) throws {
        for node in nodes {
            switch node {
            case .text, .variable:
                break
            case .helper(let name, let arguments, _, let line):
                guard helpers[name] != nil else { throw TemplateError(file: file, line: line, message: "unknown helper \(name)") }
                if name == "t", case .literal(let key)? = arguments.first {
                    for catalog in catalogs.values.sorted(by: { $0.locale < $1.locale }) where catalog.messages[key] == nil {
                        throw TemplateError(file: file, line: line, message: "unknown message key \"\(key)\" in locales/\(catalog.locale).txt")
                    }
                }
            case .section(_, _, let children, _):
                try check(children, file: file)
            case .partial(let name, let line):
                guard templates[name] != nil else { throw TemplateError(file: file, line: line, message: "unknown partial \(name)") }
            case .block(_, let children):
                try check(children, file: file)
            case .parent(let name, let blocks, let line):
                guard templates[name] != nil else { throw TemplateError(file: file, line: line, message: "unknown layout \(name)") }
                for children in blocks.values { try check(children, file: file) }
            }
        }
    }
}
