import HTTP
import Templating

/// A form's rendered fields (each a `partials/field.html` widget, untyped because one partial
/// serves every kind of control) and its error summary, as a page embeds it.
public struct FormView: Sendable {
    public struct Problem: TemplateView {
        let field: String
        let message: String
        public static let fields = Fields<Problem>(["field": .text(\.field), "message": .text(\.message)])
    }

    public let fields: [String: FieldWidget]
    public let errors: [Problem]
    public var hasErrors: Bool { !errors.isEmpty }
}

/// The fields every page with a form offers its template: `fields.<name>`, `errors`, `hasErrors`.
extension Fields {
    static func form(_ get: @escaping @Sendable (View) -> FormView) -> [(String, Field<View>)] {
        [("fields", .keyed { get($0).fields }), ("errors", .list { get($0).errors }), ("hasErrors", .bool { get($0).hasErrors })]
    }
}

/// `partials/pagination.html`: previous/next and numbered links keeping the other filters.
struct PaginationView: TemplateView {
    struct PageLink: TemplateView {
        let number: Int
        let href: String
        let current: Bool
        static let fields = Fields<PageLink>(["number": .int(\.number), "href": .text(\.href), "current": .bool(\.current)])
    }

    let total: Int
    let first: Int
    let last: Int
    let hasPages: Bool
    let previous: String?
    let next: String?
    let pages: [PageLink]

    static let fields = Fields<PaginationView>([
        "total": .int(\.total), "first": .int(\.first), "last": .int(\.last), "hasPages": .bool(\.hasPages),
        "previous": .text(\.previous), "next": .text(\.next), "pages": .list(\.pages),
    ])
}
