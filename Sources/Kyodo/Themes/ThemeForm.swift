import Foundation
import HTTP
import Templating

/// The theme form. A department account drafts for its own department; the office chooses one.
struct ThemeForm {
    static let textFields = [
        "title", "department", "fiscalYear", "call", "localIssue", "wanted", "expectedOutcome", "budgetFrame",
        "periodFrom", "periodTo", "contact", "district",
    ]
    var state: FormState

    init(_ data: FormData) { state = FormState(data, fields: Self.textFields, lists: ["fields"]) }

    init(_ t: Theme) {
        state = FormState()
        state.values = [
            "title": t.title, "department": String(t.departmentID), "fiscalYear": String(t.fiscalYear),
            "call": t.callID.map(String.init) ?? "", "localIssue": t.localIssue, "wanted": t.wanted,
            "expectedOutcome": t.expectedOutcome, "budgetFrame": t.budgetFrame?.description ?? "",
            "periodFrom": t.periodFrom ?? "", "periodTo": t.periodTo ?? "", "contact": t.contact,
            "district": t.districtCode ?? "",
        ]
        state.lists["fields"] = t.fields.map(String.init)
    }

    /// Everything the form offers, read once per request.
    struct Choices {
        var departments: [Department]
        var calls: [Call]
        var fields: [(code: Int, name: String)]
        var districts: [(code: String, name: String)]

        init(_ c: RequestContext) throws {
            let en = c.locale == "en"
            let lists = try ReferenceLists.load(c.services)
            fields = lists.fields.map { ($0.code, en ? $0.en : $0.ja) }
            districts = lists.districts.map { ($0.code, en ? $0.en : $0.ja) }
            (departments, calls) = try c.services.database.read { db in
                (
                    try DepartmentStore.all(db),
                    try CallStore.list(db, statuses: [.draft, .open, .closed, .reviewing]).filter {
                        $0.kind == .proposal
                    }
                )
            }
        }
    }

    /// Applies the form to `base`; nil when something is wrong (errors next to the fields).
    mutating func validate(into base: Theme, _ choices: Choices, _ c: RequestContext) -> Theme? {
        var t = base
        t.title = state.text("title", max: 200, required: true, c) ?? ""
        if c.principal.isOffice {
            if let id = Int64(state["department"]), choices.departments.contains(where: { $0.id == id }) {
                t.departmentID = id
            } else {
                state.add("department", c.t("form.error.choice"))
            }
        } else if let own = c.principal.departmentID {
            t.departmentID = own
        }
        t.fiscalYear = state.integer("fiscalYear", in: 2000...2100, required: true, c) ?? t.fiscalYear
        if state["call"].isEmpty {
            t.callID = nil
        } else if let id = Int64(state["call"]), choices.calls.contains(where: { $0.id == id }) {
            t.callID = id
        } else {
            state.add("call", c.t("form.error.choice"))
        }
        t.localIssue = state.text("localIssue", max: 4_000, c) ?? ""
        t.wanted = state.text("wanted", max: 4_000, c) ?? ""
        t.expectedOutcome = state.text("expectedOutcome", max: 4_000, c) ?? ""
        t.budgetFrame = state.yen("budgetFrame", c)
        let from = state.date("periodFrom", c), to = state.date("periodTo", c)
        t.periodFrom = from.map(DateInput.format)
        t.periodTo = to.map(DateInput.format)
        if let from, let to, DateInput.format(to) < DateInput.format(from) {
            state.add("periodTo", c.t("form.error.periodOrder"))
        }
        t.contact = state.text("contact", max: 300, c) ?? ""
        if state["district"].isEmpty {
            t.districtCode = nil
        } else if choices.districts.contains(where: { $0.code == state["district"] }) {
            t.districtCode = state["district"]
        } else {
            state.add("district", c.t("form.error.choice"))
        }
        let known = Set(choices.fields.map(\.code))
        let picked = (state.lists["fields"] ?? []).compactMap(Int.init)
        if picked.contains(where: { !known.contains($0) }) { state.add("fields", c.t("form.error.choice")) }
        t.fields = picked.filter(known.contains)
        return state.isValid ? t : nil
    }

    static func fields(_ c: RequestContext, _ choices: Choices) -> [FieldView] {
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        var list = [FieldView("title", label: c.t("theme.title"), required: true)]
        if c.principal.isOffice {
            list.append(
                FieldView(
                    "department", label: c.t("theme.department"),
                    kind: .select([("", c.t("form.choose"))] + choices.departments.map { (String($0.id), $0.name) }),
                    required: true))
        }
        list += [
            FieldView(
                "fiscalYear", label: c.t("call.fiscalYear"),
                kind: .select((year - 1...year + 1).map { (String($0), c.format("fiscalYear", .int($0))) }),
                required: true),
            FieldView(
                "call", label: c.t("theme.call"),
                kind: .select([("", c.t("theme.standalone"))] + choices.calls.map { (String($0.id), $0.title) }),
                hint: c.t("theme.callHint")),
            FieldView("localIssue", label: c.t("theme.localIssue"), kind: .textarea, required: true),
            FieldView("wanted", label: c.t("theme.wanted"), kind: .textarea, required: true),
            FieldView("expectedOutcome", label: c.t("theme.expectedOutcome"), kind: .textarea),
            FieldView("budgetFrame", label: c.t("theme.budgetFrame"), hint: c.t("theme.budgetFrameHint")),
            FieldView("periodFrom", label: c.t("theme.periodFrom"), kind: .input(type: "date")),
            FieldView("periodTo", label: c.t("theme.periodTo"), kind: .input(type: "date")),
            FieldView("contact", label: c.t("theme.contact"), hint: c.t("theme.contactHint")),
            FieldView(
                "district", label: c.t("organisation.district"),
                kind: .select([("", c.t("theme.wholeCity"))] + choices.districts.map { ($0.code, $0.name) })),
            FieldView(
                "fields", label: c.t("theme.fields"),
                kind: .checkboxes(choices.fields.map { (String($0.code), $0.name) }), required: true,
                hint: c.t("theme.fieldsHint")),
        ]
        return list
    }
}
