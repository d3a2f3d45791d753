/// The parsed form of a template.
enum TemplateNode: Sendable {
    case text(String)
    /// `{{path}}` (escaped) or `{{{path}}}` (raw).
    case variable(path: [String], escaped: Bool, line: Int)
    /// `{{helper arg…}}`: arguments are string literals or paths.
    case helper(name: String, arguments: [HelperArgument], escaped: Bool, line: Int)
    /// `{{#path}}…{{/path}}` or inverted `{{^path}}…{{/path}}`.
    case section(path: [String], inverted: Bool, children: [TemplateNode], line: Int)
    /// `{{> name}}`.
    case partial(name: String, line: Int)
    /// `{{$name}}default{{/name}}`: a block a child template may replace.
    case block(name: String, children: [TemplateNode])
    /// `{{< layout}}{{$name}}…{{/name}}{{/layout}}`: render `layout` with these blocks replaced.
    case parent(name: String, blocks: [String: [TemplateNode]], line: Int)
}

enum HelperArgument: Sendable {
    case literal(String)
    case path([String])
}

/// A parsed file.
struct Template: Sendable {
    let name: String
    let file: String
    let nodes: [TemplateNode]
}
