import HTTP
import Templating

/// Page numbers for list pages: `?page=N`, a fixed page size, and the links around the current page.
public struct Pagination: Sendable {
    public let page: Int
    public let perPage: Int
    public let total: Int

    /// Reads `page` from the query; a bad or out-of-range value falls back to the nearest page.
    public init(_ request: Request, perPage: Int, total: Int) {
        self.perPage = perPage
        self.total = total
        let requested = request.query["page"].flatMap(Int.init) ?? 1
        page = min(max(1, requested), max(1, (total + perPage - 1) / perPage))
    }

    public var offset: Int { (page - 1) * perPage }
    public var pageCount: Int { max(1, (total + perPage - 1) / perPage) }

    /// For `partials/pagination.html`: previous/next and numbered links keeping the other filters.
    func view(_ request: Request) -> PaginationView {
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
