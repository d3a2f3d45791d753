import Foundation
import HTTP
import Templating

/// The agreement's text as the city side edits it: title, period, the clauses, the cost sharing
/// rows (item, organisation's share, city's share) and the reporting dates. Rows are read until
/// the first missing index and capped, as the budget rows are.
struct AgreementForm {
    static let maxRows = 40
    static let blankRows = 2

    struct CostRow { var item: String; var organisation: String; var city: String }
    struct ReportRow { var due: String; var what: String }

    var state: FormState
    var costRows: [CostRow] = []
    var reportRows: [ReportRow] = []
    var revision: Int?

    init(_ data: FormData) {
        state = FormState(data, fields: ["title", "periodFrom", "periodTo", "department"] + Agreement.clauses)
        var i = 1
        while i <= Self.maxRows, data["cost\(i)Item"] != nil {
            let row = CostRow(
                item: Self.trim(data["cost\(i)Item"], 200), organisation: Self.trim(data["cost\(i)Organisation"], 40),
                city: Self.trim(data["cost\(i)City"], 40))
            if !(row.item.isEmpty && row.organisation.isEmpty && row.city.isEmpty) { costRows.append(row) }
            i += 1
        }
        i = 1
        while i <= Self.maxRows, data["report\(i)What"] != nil {
            let row = ReportRow(due: Self.trim(data["report\(i)Due"], 20), what: Self.trim(data["report\(i)What"], 300))
            if !(row.due.isEmpty && row.what.isEmpty) { reportRows.append(row) }
            i += 1
        }
        revision = data["revision"].flatMap { Int($0) }
    }

    init(_ a: Agreement) {
        state = FormState()
        state.values = [
            "title": a.title, "periodFrom": a.periodFrom ?? "", "periodTo": a.periodTo ?? "",
            "department": a.departmentID.map(String.init) ?? "",
        ]
        for clause in Agreement.clauses { state.values[clause] = a[clause] }
        costRows = a.costs.map {
            CostRow(item: $0.item, organisation: $0.organisation.description, city: $0.city.description)
        }
        reportRows = a.reportDates.map { ReportRow(due: $0.dueOn, what: $0.what) }
    }

    private static func trim(_ s: String?, _ max: Int) -> String {
        String((s ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(max))
    }

    mutating func validate(into base: Agreement, source: AgreementSource, _ c: RequestContext) -> Agreement? {
        var a = base
        a.title = state.text("title", max: 200, required: true, c) ?? a.title
        let from = state.date("periodFrom", c), to = state.date("periodTo", c)
        a.periodFrom = from.map(DateInput.format); a.periodTo = to.map(DateInput.format)
        if let f = a.periodFrom, let t = a.periodTo, t < f { state.add("periodTo", c.t("form.error.periodOrder")) }
        if state["department"].isEmpty {
            a.departmentID = nil
        } else if let id = Int64(state["department"]), source.departments.contains(where: { $0.id == id }) {
            a.departmentID = id
        } else {
            state.add("department", c.t("form.error.choice"))
        }
        for clause in Agreement.clauses { a.text[clause] = state.text(clause, max: 8_000, c) ?? a[clause] }
        a.costs = []
        for (i, row) in costRows.enumerated() {
            let n = i + 1
            if row.item.isEmpty { state.add("cost\(n)Item", c.t("agreement.error.costItem")) }
            let organisation = Self.amount(row.organisation, "cost\(n)Organisation", &state, c)
            let city = Self.amount(row.city, "cost\(n)City", &state, c)
            if let organisation, let city {
                a.costs.append(.init(item: row.item, organisation: organisation, city: city))
            }
        }
        if Yen.sum(a.costs.map(\.organisation) + a.costs.map(\.city)) == nil {
            state.add("cost1Organisation", c.t("money.error.totalTooLarge"))
        }
        a.reportDates = []
        for (i, row) in reportRows.enumerated() {
            let n = i + 1
            if row.what.isEmpty { state.add("report\(n)What", c.t("agreement.error.reportWhat")) }
            if let day = DateInput.parse(Normalize.digits(row.due)) {
                a.reportDates.append(.init(dueOn: DateInput.format(day), what: row.what))
            } else {
                state.add("report\(n)Due", c.t("form.error.date"))
            }
        }
        return state.isValid ? a : nil
    }

    /// An empty share is 0 yen; anything else must be money.
    private static func amount(_ text: String, _ field: String, _ state: inout FormState, _ c: RequestContext) -> Yen? {
        switch Yen.parse(text) {
        case nil: return .zero
        case .success(let y)?: return y
        case .failure(.tooLarge)?: state.add(field, c.t("money.error.tooLarge")); return nil
        case .failure(.notANumber)?: state.add(field, c.t("money.error.notANumber")); return nil
        }
    }

    static func fields(_ c: RequestContext, source: AgreementSource) -> [FieldView] {
        var list = [
            FieldView("title", label: c.t("agreement.title"), required: true),
            FieldView("periodFrom", label: c.t("agreement.periodFrom"), kind: .input(type: "date"), required: true),
            FieldView("periodTo", label: c.t("agreement.periodTo"), kind: .input(type: "date"), required: true),
        ]
        if !source.departments.isEmpty {
            list.append(
                FieldView(
                    "department", label: c.t("agreement.department"),
                    kind: .select(
                        [("", c.t("agreement.officeOnly"))] + source.departments.map { (String($0.id), $0.name) })))
        }
        list += Agreement.clauses.map {
            FieldView(
                $0, label: c.t("agreement.clause.\($0)"), kind: .textarea,
                required: $0 == "purpose" || $0 == "content")
        }
        return list
    }

    /// Row views for the template: the rows so far plus blank ones, each input with its error.
    func costView() -> [AgreementEditPage.CostInput] {
        (costRows + Array(repeating: CostRow(item: "", organisation: "", city: ""), count: Self.blankRows)).enumerated()
            .map { i, r in
                let n = i + 1
                return .init(
                    number: n, item: r.item, organisation: r.organisation, city: r.city,
                    itemError: state.error(for: "cost\(n)Item"),
                    organisationError: state.error(for: "cost\(n)Organisation"),
                    cityError: state.error(for: "cost\(n)City"))
            }
    }

    func reportView() -> [AgreementEditPage.ReportInput] {
        (reportRows + Array(repeating: ReportRow(due: "", what: ""), count: Self.blankRows)).enumerated().map { i, r in
            let n = i + 1
            return .init(
                number: n, due: r.due, what: r.what, dueError: state.error(for: "report\(n)Due"),
                whatError: state.error(for: "report\(n)What"))
        }
    }
}
