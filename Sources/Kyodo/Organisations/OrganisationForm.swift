import Foundation
import HTTP
import Templating

/// The organisation profile form: parsing, normalising (full-width digits, phone hyphens) and
/// validation, with messages next to each field.
struct OrganisationForm {
    static let textFields = ["name", "nameKana", "kind", "representativeName", "contactName", "email", "phone", "postalCode", "address",
                             "district", "foundedOn", "memberCount", "annualBudget", "summary", "trackRecord", "website"]

    var state: FormState

    init(_ data: FormData) {
        state = FormState(data, fields: Self.textFields, lists: ["fields", "public"])
    }

    /// The form pre-filled from a stored organisation.
    init(_ org: Organisation) {
        state = FormState()
        state.values = [
            "name": org.name, "nameKana": org.nameKana, "kind": org.kind.rawValue, "representativeName": org.representativeName,
            "contactName": org.contactName, "email": org.email, "phone": org.phone, "postalCode": org.postalCode, "address": org.address,
            "district": org.districtCode ?? "", "foundedOn": org.foundedOn ?? "", "memberCount": org.memberCount.map(String.init) ?? "",
            "annualBudget": org.annualBudget.map(String.init) ?? "", "summary": org.summary, "trackRecord": org.trackRecord,
            "website": org.website,
        ]
        state.lists["fields"] = org.activityFields.map(String.init)
        state.lists["public"] = Array(org.publicFields)
    }

    /// Reads the submitted form, validates it into `base`, and carries over `extra` fields (the
    /// account or representative fields some pages add) so they are re-shown on errors.
    static func submitted(_ c: RequestContext, into base: Organisation, extra: [String] = []) throws -> (FormState, Organisation?) {
        let data = try c.request.form()
        var form = OrganisationForm(data)
        let org = try form.validate(into: base, c)
        for (key, value) in FormState(data, fields: extra).values { form.state.values[key] = value }
        return (form.state, org)
    }

    /// Validates into `org` (keeping its id and status); returns nil and fills errors when invalid.
    mutating func validate(into base: Organisation, _ c: RequestContext) throws -> Organisation? {
        let districts = Set(try ReferenceLists.load(c.services).districts.map(\.code))
        let today = JapaneseCalendar.tokyo(c.now)
        var org = base
        let s = state
        func required(_ field: String, _ key: String) { if s[field].isEmpty { state.add(field, c.t(key)) } }
        required("name", "organisation.error.nameRequired")
        if s["name"].count > 200 { state.add("name", c.t("organisation.error.tooLong", ["200"])) }
        let kana = Normalize.kana(s["nameKana"])
        if kana.isEmpty { state.add("nameKana", c.t("organisation.error.kanaRequired")) }
        else if !Normalize.isKana(kana) { state.add("nameKana", c.t("organisation.error.kanaOnly")) }
        guard let kind = OrganisationKind(rawValue: s["kind"]) else { state.add("kind", c.t("organisation.error.kind")); return finish(nil) }
        required("representativeName", "organisation.error.representativeRequired")
        let email = s["email"]
        if !email.isEmpty && !Normalize.isEmail(email) { state.add("email", c.t("account.error.emailInvalid")) }
        let phone = Normalize.phone(s["phone"])
        if !s["phone"].isEmpty && phone == nil { state.add("phone", c.t("organisation.error.phone")) }
        let postal = Self.postalCode(s["postalCode"])
        if !s["postalCode"].trimmingCharacters(in: .whitespaces).isEmpty && postal == nil {
            state.add("postalCode", c.t("organisation.error.postalCode"))
        }
        if !s["district"].isEmpty && !districts.contains(s["district"]) { state.add("district", c.t("organisation.error.district")) }
        var founded: String?
        if !s["foundedOn"].isEmpty {
            if let day = DateInput.parse(Normalize.digits(s["foundedOn"])) {
                if (day.year, day.month, day.day) > (today.year, today.month, today.day) { state.add("foundedOn", c.t("organisation.error.foundedFuture")) }
                founded = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
            } else { state.add("foundedOn", c.t("form.error.date")) }
        }
        let members = count("memberCount", c)
        let budget = count("annualBudget", c)
        let website = s["website"]
        if !website.isEmpty && !(website.hasPrefix("https://") || website.hasPrefix("http://")) || website.contains(" ") {
            state.add("website", c.t("organisation.error.website"))
        }
        let fields = (s.lists["fields"] ?? []).compactMap(Int.init).filter { (1...20).contains($0) }
        if fields.isEmpty { state.add("fields", c.t("organisation.error.fieldsRequired")) }
        if s["summary"].count > 2000 { state.add("summary", c.t("organisation.error.tooLong", ["2000"])) }
        if s["trackRecord"].count > 4000 { state.add("trackRecord", c.t("organisation.error.tooLong", ["4000"])) }
        org.name = s["name"]; org.nameKana = kana; org.kind = kind
        org.representativeName = s["representativeName"]; org.contactName = s["contactName"]
        org.email = email.lowercased(); org.phone = phone ?? ""; org.address = s["address"]
        org.postalCode = postal ?? ""
        org.districtCode = s["district"].isEmpty ? nil : s["district"]; org.foundedOn = founded
        org.memberCount = members; org.annualBudget = budget
        org.summary = s["summary"]; org.trackRecord = s["trackRecord"]; org.website = website
        org.activityFields = fields
        org.publicFields = Set((s.lists["public"] ?? []).filter(OrganisationField.flaggable.contains))
        return finish(org)
    }

    private func finish(_ org: Organisation?) -> Organisation? { state.isValid ? org : nil }

    /// A whole number ≥ 0 (full-width digits and thousands separators accepted), or nil if empty.
    private mutating func count(_ field: String, _ c: RequestContext) -> Int? {
        let raw = Normalize.digits(state[field]).replacingOccurrences(of: ",", with: "")
        guard !raw.isEmpty else { return nil }
        guard let n = Int(raw), n >= 0 else { state.add(field, c.t("organisation.error.count")); return nil }
        return n
    }

    /// The fields as `partials/field.html` renders them.
    static func fields(_ c: RequestContext) throws -> [FieldView] {
        let (activityFields, districts) = try ReferenceLists.load(c.services)
        let en = c.locale == "en"
        return [
            FieldView("name", label: c.t("organisation.name"), required: true, autocomplete: "organization"),
            FieldView("nameKana", label: c.t("organisation.nameKana"), required: true, hint: c.t("organisation.nameKanaHint")),
            FieldView("kind", label: c.t("organisation.kind"), kind: .select([("", c.t("form.choose"))] + OrganisationKind.allCases.map { ($0.rawValue, c.t($0.messageKey)) }), required: true),
            FieldView("fields", label: c.t("organisation.fields"), kind: .checkboxes(activityFields.map { (String($0.code), en ? $0.en : $0.ja) }), required: true),
            FieldView("representativeName", label: c.t("organisation.representative"), required: true),
            FieldView("contactName", label: c.t("organisation.contact")),
            FieldView("email", label: c.t("organisation.email"), kind: .input(type: "email"), autocomplete: "email"),
            FieldView("phone", label: c.t("organisation.phone"), kind: .input(type: "tel"), autocomplete: "tel", hint: c.t("organisation.phoneHint")),
            FieldView("postalCode", label: c.t("organisation.postalCode"), autocomplete: "postal-code", hint: c.t("organisation.postalCodeHint")),
            FieldView("address", label: c.t("organisation.address"), hint: c.t("organisation.addressHint")),
            FieldView("district", label: c.t("organisation.district"), kind: .select([("", c.t("form.choose"))] + districts.map { ($0.code, en ? $0.en : $0.ja) })),
            FieldView("foundedOn", label: c.t("organisation.founded"), kind: .input(type: "date"), hint: c.t("organisation.foundedHint")),
            FieldView("memberCount", label: c.t("organisation.members"), kind: .input(type: "text")),
            FieldView("annualBudget", label: c.t("organisation.budget"), kind: .input(type: "text"), hint: c.t("organisation.budgetHint")),
            FieldView("summary", label: c.t("organisation.summary"), kind: .textarea),
            FieldView("trackRecord", label: c.t("organisation.trackRecord"), kind: .textarea),
            FieldView("website", label: c.t("organisation.website"), kind: .input(type: "url"), autocomplete: "url"),
            FieldView("public", label: c.t("organisation.publicFields"), kind: .checkboxes(OrganisationField.flaggable.map { ($0, c.t("organisation.field.\($0)")) }),
                      hint: c.t("organisation.publicFieldsHint")),
        ]
    }

    /// 〒123-4567, １２３－４５６７ or 1234567 → "123-4567"; nil when it is not seven digits.
    static func postalCode(_ text: String) -> String? {
        let digits = Normalize.digits(text).replacingOccurrences(of: "〒", with: "").filter { $0 != "-" && $0 != " " }
        guard digits.count == 7, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return String(digits.prefix(3)) + "-" + String(digits.suffix(4))
    }

    /// The city's own name to start an address with: always in Japanese (addresses are stored as
    /// they are written in Japan), whatever the page's language.
    static func addressPrefill(_ c: RequestContext) -> String {
        c.services.templates.catalog("ja")?.text("organisation.addressPrefill") ?? ""
    }
}
