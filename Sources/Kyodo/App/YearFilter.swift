import Templating

/// A 年度 filter for a list page (`partials/year-filter`): the fiscal years its records have,
/// newest first, and "all"; `?year=` not among them is ignored rather than emptying the list.
struct YearFilter: TemplateView {
    struct Option: TemplateView {
        let value: String
        let label: String
        let selected: Bool
        static let fields = Fields<Option>(["value": .text(\.value), "label": .text(\.label), "selected": .bool(\.selected)])
    }

    let action: String
    let options: [Option]
    static let fields = Fields<YearFilter>(["action": .text(\.action), "options": .list(\.options)])

    /// The filter and the year chosen (nil: all years).
    static func make(_ c: RequestContext, years: [Int], action: String) -> (YearFilter, Int?) {
        let available = Array(Set(years)).sorted(by: >)
        let chosen = c.request.query["year"].flatMap(Int.init).flatMap { available.contains($0) ? $0 : nil }
        let options = [Option(value: "", label: c.t("filter.allYears"), selected: chosen == nil)]
            + available.map { Option(value: String($0), label: c.format("fiscalYear", .int($0)), selected: $0 == chosen) }
        return (YearFilter(action: action, options: options), chosen)
    }
}
