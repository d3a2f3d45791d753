import Foundation
import HTTP
import Templating

/// `/search?q=`: one search over everything public, grouped by kind with counts, the term marked
/// in a snippet, filtered by kind and fiscal year. Japanese queries of any length work (trigram
/// from three characters, a scan below), and readings find names: あおば finds 青葉.
enum SiteSearchRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/search", .anyone, search)
    }

    static func search(_ c: RequestContext) throws -> Response {
        var form = FormState(c.request.query, fields: ["q", "kind", "year"])
        let query = form.text("q", max: 100, c) ?? ""
        let kind = SiteSearchStore.kinds.contains(form["kind"]) ? form["kind"] : nil
        let year = Int(form["year"]).flatMap { (2000...2100).contains($0) ? $0 : nil }
        if kind == nil { form.values["kind"] = "" }
        if year == nil { form.values["year"] = "" }
        let (counts, hits) = try c.services.database.read { db in
            (try SiteSearchStore.counts(db, text: query, fiscalYear: year),
             try SiteSearchStore.search(db, text: query, kind: kind, fiscalYear: year, limit: kind == nil ? 10 : 100))
        }
        let term = query.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).first.map(String.init) ?? ""
        let thisYear = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        let fields = [
            FieldView("q", label: c.t("search.label")),
            FieldView("kind", label: c.t("search.kind"),
                      kind: .select([("", c.t("form.any"))] + SiteSearchStore.kinds.map { ($0, c.t("search.kind.\($0)")) })),
            FieldView("year", label: c.t("call.fiscalYear"),
                      kind: .select([("", c.t("form.any"))] + (thisYear - 5...thisYear + 1).reversed().map {
                          (String($0), c.format("fiscalYear", .int($0)))
                      })),
        ]
        let groups = SiteSearchStore.kinds.compactMap { k -> SearchPage.Group? in
            let inKind = hits.filter { $0.kind == k }
            guard let count = counts[k], count > 0, kind == nil || kind == k else { return nil }
            let href = "/search?q=" + Layout.percentEncode(query) + "&kind=" + k + (year.map { "&year=\($0)" } ?? "")
            return .init(kind: k, label: c.t("search.kind.\(k)"), count: count, more: count > inKind.count && kind == nil, moreHref: href,
                         hits: inKind.map { h in
                             let (before, match, after) = snippet(h, term)
                             return .init(title: h.title, url: h.url, fiscalYear: h.fiscalYear, before: before, match: match, after: after)
                         })
        }
        return try c.render(SearchPage(form: c.formView(form, fields), query: query, groups: groups,
                                       total: counts.values.reduce(0, +)))
    }

    /// The text around the first occurrence of the term (in the body, else the title).
    static func snippet(_ h: SiteSearchStore.Hit, _ term: String) -> (String, String, String) {
        guard !term.isEmpty else { return (String(h.body.prefix(80)), "", "") }
        if let r = h.body.range(of: term) {
            let before = h.body[..<r.lowerBound].suffix(40), after = h.body[r.upperBound...].prefix(60)
            return ((before.count == 40 ? "…" : "") + before, String(h.body[r]), after + (after.count == 60 ? "…" : ""))
        }
        return (String(h.body.prefix(80)) + (h.body.count > 80 ? "…" : ""), "", "")
    }
}

/// `search/index`: the results grouped by kind.
struct SearchPage: PageView {
    struct Hit: TemplateView {
        let title: String
        let url: String
        let fiscalYear: Int?
        let before: String
        let match: String
        let after: String
        static let fields = Fields<Hit>([
            "title": .text(\.title), "url": .text(\.url), "fiscalYear": .int(\.fiscalYear), "before": .text(\.before),
            "match": .text(\.match), "after": .text(\.after),
        ])
    }

    struct Group: TemplateView {
        let kind: String
        let label: String
        let count: Int
        let more: Bool
        let moreHref: String
        let hits: [Hit]
        static let fields = Fields<Group>([
            "kind": .text(\.kind), "label": .text(\.label), "count": .int(\.count), "more": .bool(\.more), "hits": .list(\.hits),
            "moreHref": .text(\.moreHref),
        ])
    }

    static let templates = ["search/index"]
    var template: String { "search/index" }
    let form: FormView
    let query: String
    let groups: [Group]
    let total: Int
    static let fields = Fields<SearchPage>(
        Fields.form(\.form) + [("query", .text(\.query)), ("groups", .list(\.groups)), ("total", .int(\.total))])
}
