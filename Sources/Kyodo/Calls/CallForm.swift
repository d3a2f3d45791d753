import Foundation
import HTTP
import Templating

/// The call form: rules, dates (Tokyo time), money and up to eight criteria, without JavaScript.
struct CallForm {
    static let criterionRows = 8
    static let rates = ["1/1", "3/4", "2/3", "1/2", "1/3", "1/4"]
    static var criterionFields: [String] {
        (1...criterionRows).flatMap { i in ["c\(i)Name", "c\(i)Description", "c\(i)Weight", "c\(i)Min", "c\(i)Max"] }
    }
    static let textFields = ["kind", "fiscalYear", "title", "description", "opensAt", "closesAt", "budgetCeiling", "maxAmount", "rate", "attachments"]

    var state: FormState

    init(_ data: FormData) { state = FormState(data, fields: Self.textFields + Self.criterionFields, lists: ["eligible"]) }

    init(_ call: Call) {
        state = FormState()
        state.values = ["kind": call.kind.rawValue, "fiscalYear": String(call.fiscalYear), "title": call.title, "description": call.description,
                        "opensAt": Self.inputText(call.opensAt), "closesAt": Self.inputText(call.closesAt),
                        "budgetCeiling": call.budgetCeiling?.description ?? "", "maxAmount": call.maxAmount?.description ?? "",
                        "rate": "\(call.rateNumerator)/\(call.rateDenominator)", "attachments": call.requiredAttachments.joined(separator: "\n")]
        for (i, k) in call.criteria.enumerated() where i < Self.criterionRows {
            let n = i + 1
            state.values["c\(n)Name"] = k.name; state.values["c\(n)Description"] = k.description
            state.values["c\(n)Weight"] = String(k.weight); state.values["c\(n)Min"] = String(k.scaleMin); state.values["c\(n)Max"] = String(k.scaleMax)
        }
        state.lists["eligible"] = call.eligibleKinds.map(\.rawValue)
    }

    /// `2025-04-01T09:00` as a `datetime-local` input shows it, in Tokyo time.
    static func inputText(_ date: Date) -> String {
        let d = JapaneseCalendar.tokyo(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", d.year, d.month, d.day, d.hour, d.minute)
    }

    static func parseInput(_ text: String) -> Date? {
        let parts = Normalize.digits(text).split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 2, let day = DateInput.parse(String(parts[0])) else { return nil }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard time.count >= 2, (0...23).contains(time[0]), (0...59).contains(time[1]) else { return nil }
        return JapaneseCalendar.startOfDay(JapaneseCalendar.Day(year: day.year, month: day.month, day: day.day, hour: time[0], minute: time[1]))
    }

    mutating func validate(into base: Call, _ c: RequestContext) -> Call? {
        var call = base
        let s = state
        guard let kind = Call.Kind(rawValue: s["kind"]) else { state.add("kind", c.t("call.error.kind")); return nil }
        call.kind = kind
        if let year = state.integer("fiscalYear", in: 2000...2100, required: true, c) { call.fiscalYear = year }
        if s["title"].isEmpty { state.add("title", c.t("call.error.titleRequired")) }
        else if let title = state.text("title", max: 200, c) { call.title = title }
        if let description = state.text("description", max: 10_000, c) { call.description = description }
        let opens = Self.parseInput(s["opensAt"]), closes = Self.parseInput(s["closesAt"])
        if let opens { call.opensAt = opens } else { state.add("opensAt", c.t("call.error.datetime")) }
        if let closes { call.closesAt = closes } else { state.add("closesAt", c.t("call.error.datetime")) }
        if let opens, let closes, closes <= opens { state.add("closesAt", c.t("call.error.closesBeforeOpens")) }
        // A call in preparation whose start has passed would be opened by the scheduler within a
        // minute of saving, without anyone choosing to: the start must be ahead (「受付を開始」 opens now).
        if let opens, call.status == .draft, opens <= c.now {
            state.add("opensAt", c.t("call.error.opensInPast"))
        }
        call.budgetCeiling = state.yen("budgetCeiling", c)
        call.maxAmount = state.yen("maxAmount", c)
        if let ceiling = call.budgetCeiling, let max = call.maxAmount, max > ceiling { state.add("maxAmount", c.t("call.error.maxOverCeiling")) }
        // Only the listed rates: a crafted "1/0" or "7/3" must not reach the subsidy arithmetic.
        let rate = s["rate"].split(separator: "/").compactMap { Int($0) }
        if Self.rates.contains(s["rate"]), rate.count == 2 { call.rateNumerator = rate[0]; call.rateDenominator = rate[1] }
        else { state.add("rate", c.t("call.error.rate")) }
        call.eligibleKinds = (s.lists["eligible"] ?? []).compactMap(OrganisationKind.init(rawValue:))
        if call.eligibleKinds.isEmpty { state.add("eligible", c.t("call.error.eligible")) }
        call.requiredAttachments = s["attachments"].split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        call.criteria = []
        for i in 1...Self.criterionRows {
            guard let name = state.text("c\(i)Name", max: 100, c), !name.isEmpty else { continue }
            // Bounded so weighted scores (weight × points × members) stay far inside Int.
            guard let weight = state.integer("c\(i)Weight", in: 1...100, required: true, c) else { continue }
            let low = state.integer("c\(i)Min", in: 0...100, c) ?? 1, high = state.integer("c\(i)Max", in: 1...100, c) ?? 5
            guard high > low else { state.add("c\(i)Max", c.t("call.error.scale")); continue }
            let description = state.text("c\(i)Description", max: 1_000, c) ?? ""
            call.criteria.append(Call.Criterion(name: name, description: description, weight: weight, scaleMin: low, scaleMax: high))
        }
        return state.isValid ? call : nil
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        let year = JapaneseCalendar.fiscalYear(of: JapaneseCalendar.tokyo(c.now))
        var fields = [
            FieldView("kind", label: c.t("call.kind"), kind: .select(Call.Kind.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true),
            FieldView("fiscalYear", label: c.t("call.fiscalYear"), kind: .select((year - 1...year + 1).map { (String($0), c.format("fiscalYear", .int($0))) }), required: true),
            FieldView("title", label: c.t("call.title"), required: true),
            FieldView("description", label: c.t("call.description"), kind: .textarea),
            FieldView("opensAt", label: c.t("call.opensAt"), kind: .input(type: "datetime-local"), required: true, hint: c.t("call.datetimeHint")),
            FieldView("closesAt", label: c.t("call.closesAt"), kind: .input(type: "datetime-local"), required: true, hint: c.t("call.datetimeHint")),
            FieldView("budgetCeiling", label: c.t("call.budgetCeiling")),
            FieldView("maxAmount", label: c.t("call.maxAmount")),
            FieldView("rate", label: c.t("call.rate"), kind: .select(rates.map { ($0, $0) }), required: true),
            FieldView("eligible", label: c.t("call.eligible"), kind: .checkboxes(OrganisationKind.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true),
            FieldView("attachments", label: c.t("call.attachments"), kind: .textarea, hint: c.t("call.attachmentsHint")),
        ]
        for i in 1...criterionRows {
            fields += [FieldView("c\(i)Name", label: c.t("call.criterion.name", [String(i)])),
                       FieldView("c\(i)Description", label: c.t("call.criterion.description")),
                       FieldView("c\(i)Weight", label: c.t("call.criterion.weight")),
                       FieldView("c\(i)Min", label: c.t("call.criterion.min")),
                       FieldView("c\(i)Max", label: c.t("call.criterion.max"))]
        }
        return fields
    }
}
