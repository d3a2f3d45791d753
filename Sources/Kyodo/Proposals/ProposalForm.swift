import Foundation
import HTTP
import Templating

/// The proposal form: the project, the collaboration form and domain, each side's role, the
/// period, partner departments and the budget lines (the grant form's budget rows).
struct ProposalForm {
    static let textFields = [
        "title", "localIssue", "purpose", "content", "expectedEffect", "form", "domain", "roleOrganisation", "roleCity",
        "periodFrom", "periodTo", "requestedAmount",
    ]

    var state: FormState
    var budget: BudgetRows
    var revision: Int?

    init(_ data: FormData) {
        state = FormState(data, fields: Self.textFields, lists: ["departments"])
        budget = BudgetRows(data)
        revision = data["revision"].flatMap { Int($0) }
    }

    init(_ p: Proposal) {
        state = FormState()
        state.values = [
            "title": p.title, "localIssue": p.localIssue, "purpose": p.purpose, "content": p.content,
            "expectedEffect": p.expectedEffect, "form": p.form?.rawValue ?? "", "domain": p.domain?.rawValue ?? "",
            "roleOrganisation": p.roleOrganisation, "roleCity": p.roleCity, "periodFrom": p.periodFrom ?? "",
            "periodTo": p.periodTo ?? "", "requestedAmount": p.requestedAmount?.description ?? "",
        ]
        state.lists["departments"] = p.departmentIDs.map(String.init)
        budget = BudgetRows(p.budget)
    }

    /// Applies the form; a draft may be incomplete (checked on submit) but never malformed.
    mutating func validate(into base: Proposal, departments: [Department], _ c: RequestContext) -> Proposal? {
        for (field, key) in budget.errors { state.add(field, c.t(key)) }
        var p = base
        p.title = state.text("title", max: 200, c) ?? p.title
        p.localIssue = state.text("localIssue", max: 4_000, c) ?? p.localIssue
        p.purpose = state.text("purpose", max: 4_000, c) ?? p.purpose
        p.content = state.text("content", max: 8_000, c) ?? p.content
        p.expectedEffect = state.text("expectedEffect", max: 4_000, c) ?? p.expectedEffect
        p.form = state["form"].isEmpty ? nil : state.choice("form", Proposal.Form.self, c)
        p.domain = state["domain"].isEmpty ? nil : state.choice("domain", Proposal.Domain.self, c)
        p.roleOrganisation = state.text("roleOrganisation", max: 4_000, c) ?? p.roleOrganisation
        p.roleCity = state.text("roleCity", max: 4_000, c) ?? p.roleCity
        let from = state.date("periodFrom", c), to = state.date("periodTo", c)
        p.periodFrom = from.map(DateInput.format)
        p.periodTo = to.map(DateInput.format)
        if let a = p.periodFrom, let b = p.periodTo, b < a { state.add("periodTo", c.t("form.error.periodOrder")) }
        p.requestedAmount = state.yen("requestedAmount", c)
        let picked = Set((state.lists["departments"] ?? []).compactMap { Int64($0) })
        if picked.contains(where: { id in !departments.contains { $0.id == id } }) {
            state.add("departments", c.t("form.error.choice"))
        }
        p.departments = departments.filter { picked.contains($0.id) }
        p.budget = budget.lines
        return state.isValid ? p : nil
    }

    static func fields(_ c: RequestContext, departments: [Department]) -> [FieldView] {
        [
            FieldView("title", label: c.t("proposal.title"), required: true),
            FieldView(
                "localIssue", label: c.t("proposal.localIssue"), kind: .textarea, required: true,
                hint: c.t("proposal.localIssueHint")),
            FieldView("purpose", label: c.t("proposal.purpose"), kind: .textarea, required: true),
            FieldView("content", label: c.t("proposal.content"), kind: .textarea, required: true),
            FieldView("expectedEffect", label: c.t("proposal.expectedEffect"), kind: .textarea, required: true),
            FieldView(
                "form", label: c.t("proposal.formLabel"),
                kind: .select(
                    [("", c.t("form.choose"))] + Proposal.Form.allCases.map { ($0.rawValue, c.t($0.messageKey)) }),
                required: true,
                hint: c.t("proposal.formHint")),
            FieldView(
                "domain", label: c.t("proposal.domainLabel"),
                kind: .select(
                    [("", c.t("form.choose"))] + Proposal.Domain.allCases.map { ($0.rawValue, c.t($0.messageKey)) }),
                required: true, hint: c.t("proposal.domainHint")),
            FieldView("roleOrganisation", label: c.t("proposal.roleOrganisation"), kind: .textarea, required: true),
            FieldView("roleCity", label: c.t("proposal.roleCity"), kind: .textarea, required: true),
            FieldView("periodFrom", label: c.t("proposal.periodFrom"), kind: .input(type: "date"), required: true),
            FieldView("periodTo", label: c.t("proposal.periodTo"), kind: .input(type: "date"), required: true),
            FieldView(
                "departments", label: c.t("proposal.departments"),
                kind: .checkboxes(departments.map { (String($0.id), $0.name) }),
                required: true, hint: c.t("proposal.departmentsHint")),
            FieldView("requestedAmount", label: c.t("proposal.requestedAmount"), hint: c.t("proposal.requestedHint")),
        ]
    }

    func rows(_ direction: GrantApplication.BudgetLine.Direction) -> TemplateValue { budget.view(direction, state) }
}
