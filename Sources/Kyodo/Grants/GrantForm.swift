import Foundation
import HTTP
import Templating

/// The application form: text fields, the requested amount and the budget lines (收入/支出).
/// Without JavaScript, rows are added by saving: every save shows three more empty rows of each.
struct GrantForm {
    static let textFields = ["projectTitle", "purpose", "content", "beneficiaries", "place", "schedule", "requestedAmount"]

    var state: FormState
    var budget: BudgetRows
    /// The application's revision when the form was shown (hidden field), if the form carried it.
    var revision: Int?
    var lines: [GrantApplication.BudgetLine] { budget.lines }

    init(_ data: FormData) {
        state = FormState(data, fields: Self.textFields)
        budget = BudgetRows(data)
        revision = data["revision"].flatMap { Int($0) }
    }

    init(_ a: GrantApplication) {
        state = FormState()
        state.values = ["projectTitle": a.projectTitle, "purpose": a.purpose, "content": a.content, "beneficiaries": a.beneficiaries,
                        "place": a.place, "schedule": a.schedule, "requestedAmount": a.requestedAmount?.description ?? ""]
        budget = BudgetRows(a.budget)
    }

    /// Applies the form to the application; a draft may be saved incomplete, but not malformed.
    mutating func validate(into base: GrantApplication, _ c: RequestContext) -> GrantApplication? {
        for (field, key) in budget.errors { state.add(field, c.t(key)) }
        var a = base
        // A draft may be incomplete (required fields are checked on submit) but never oversized.
        a.projectTitle = state.text("projectTitle", max: 200, c) ?? a.projectTitle
        a.purpose = state.text("purpose", max: 4_000, c) ?? a.purpose
        a.content = state.text("content", max: 8_000, c) ?? a.content
        a.beneficiaries = state.text("beneficiaries", max: 2_000, c) ?? a.beneficiaries
        a.place = state.text("place", max: 200, c) ?? a.place
        a.schedule = state.text("schedule", max: 2_000, c) ?? a.schedule
        a.requestedAmount = state.yen("requestedAmount", c)
        a.budget = lines
        return state.isValid ? a : nil
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        [FieldView("projectTitle", label: c.t("application.projectTitle"), required: true),
         FieldView("purpose", label: c.t("application.purpose"), kind: .textarea, required: true),
         FieldView("content", label: c.t("application.content"), kind: .textarea, required: true),
         FieldView("beneficiaries", label: c.t("application.beneficiaries"), kind: .textarea),
         FieldView("place", label: c.t("application.place")),
         FieldView("schedule", label: c.t("application.schedule"), kind: .textarea),
         FieldView("requestedAmount", label: c.t("application.requestedAmount"), required: true, hint: c.t("application.requestedHint"))]
    }

    /// Budget rows for the template: the lines so far plus blank ones.
    func rows(_ direction: GrantApplication.BudgetLine.Direction) -> TemplateValue { budget.view(direction, state) }
}
