import Foundation
import HTTP
import Templating

/// The application form: text fields, the requested amount and the budget lines (收入/支出).
/// Without JavaScript, rows are added by saving: every save shows three more empty rows of each.
struct GrantForm {
    static let textFields = ["projectTitle", "purpose", "content", "beneficiaries", "place", "schedule", "requestedAmount"]
    static let blankRows = 3

    var state: FormState
    var lines: [GrantApplication.BudgetLine] = []

    init(_ data: FormData) {
        state = FormState(data, fields: Self.textFields)
        for direction in [GrantApplication.BudgetLine.Direction.income, .expense] {
            let prefix = direction == .income ? "inc" : "exp"
            var i = 1
            while data["\(prefix)\(i)Category"] != nil {
                let category = (data["\(prefix)\(i)Category"] ?? "").trimmingCharacters(in: .whitespaces)
                let rawAmount = Normalize.digits(data["\(prefix)\(i)Amount"] ?? "").replacingOccurrences(of: ",", with: "")
                if !category.isEmpty || !rawAmount.isEmpty {
                    let amount = Int(rawAmount) ?? -1
                    if category.isEmpty { state.add("\(prefix)\(i)Category", "application.error.category") }
                    if amount < 0 { state.add("\(prefix)\(i)Amount", "application.error.amount") }
                    lines.append(.init(direction: direction, category: category, amount: max(0, amount),
                                       eligible: direction == .income || data["\(prefix)\(i)Eligible"] == "1", note: data["\(prefix)\(i)Note"] ?? ""))
                }
                i += 1
            }
        }
    }

    init(_ a: GrantApplication) {
        state = FormState()
        state.values = ["projectTitle": a.projectTitle, "purpose": a.purpose, "content": a.content, "beneficiaries": a.beneficiaries,
                        "place": a.place, "schedule": a.schedule, "requestedAmount": a.requestedAmount.map(String.init) ?? ""]
        lines = a.budget
    }

    /// Applies the form to the application; a draft may be saved incomplete, but not malformed.
    mutating func validate(into base: GrantApplication, _ c: RequestContext) -> GrantApplication? {
        // Error keys gathered while parsing rows become messages now that the locale is known.
        let parsed = state.errors
        var fresh = FormState()
        fresh.values = state.values
        for (field, key) in parsed { fresh.add(field, c.t(key)) }
        state = fresh
        var a = base
        a.projectTitle = state["projectTitle"]; a.purpose = state["purpose"]; a.content = state["content"]
        a.beneficiaries = state["beneficiaries"]; a.place = state["place"]; a.schedule = state["schedule"]
        let raw = Normalize.digits(state["requestedAmount"]).replacingOccurrences(of: ",", with: "")
        if raw.isEmpty { a.requestedAmount = nil }
        else if let n = Int(raw), n >= 0 { a.requestedAmount = n }
        else { state.add("requestedAmount", c.t("organisation.error.count")) }
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
    func rows(_ direction: GrantApplication.BudgetLine.Direction) -> TemplateValue {
        let prefix = direction == .income ? "inc" : "exp"
        let existing = lines.filter { $0.direction == direction }
        let blanks = (0..<Self.blankRows).map { _ in GrantApplication.BudgetLine(direction: direction, category: "", amount: 0, eligible: true, note: "") }
        return .list((existing + blanks).enumerated().map { i, line in
            let n = i + 1
            let blank = line.category.isEmpty && line.amount == 0
            return ["name": .string("\(prefix)\(n)"), "number": .int(n), "category": .string(line.category),
                    "amount": .string(blank ? "" : String(line.amount)), "eligible": .bool(line.eligible), "note": .string(line.note),
                    "error": TemplateValue(state.error(for: "\(prefix)\(n)Category") ?? state.error(for: "\(prefix)\(n)Amount"))]
        })
    }
}
