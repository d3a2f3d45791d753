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

extension Pagination {
    func view(_ request: HTTP.Request) -> PaginationView {
        func href(_ p: Int) -> String {
            let query = request.query.pairs.filter { $0.key != "page" }.map { "\(Layout.percentEncode($0.key))=\(Layout.percentEncode($0.value))" }
            return Layout.percentEncodePath(request.path) + "?" + (query + ["page=\(p)"]).joined(separator: "&")
        }
        let window = Array(max(1, page - 3)...min(pageCount, page + 3))
        return PaginationView(total: total, first: total == 0 ? 0 : offset + 1, last: min(total, offset + perPage), hasPages: pageCount > 1,
                              previous: page > 1 ? href(page - 1) : nil, next: page < pageCount ? href(page + 1) : nil,
                              pages: window.map { .init(number: $0, href: href($0), current: $0 == page) })
    }
}
