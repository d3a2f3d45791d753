import HTTP
import Templating

/// 事前確認シート: before an agreement is drafted, the organisation and the city side each answer
/// the same items separately; once both have submitted, the page shows them side by side with
/// every differing item marked, and the office may draft the agreement.
enum PreConfirmationRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/proposals/:id/pre-confirmation", .record(AgreementPolicy.proposalSheet), show)
        routes.post("/proposals/:id/pre-confirmation", .record(AgreementPolicy.proposalSheet), save)
        routes.get("/applications/:id/pre-confirmation", .record(AgreementPolicy.grantSheet), show)
        routes.post("/applications/:id/pre-confirmation", .record(AgreementPolicy.grantSheet), save)
    }

    /// Which sheet this person fills: the organisation's members theirs, the city side the city's.
    static func side(_ p: Principal, _ s: AgreementSource) -> PreConfirmation.Side? {
        if AgreementPolicy.isMember(p, s) { return .organisation }
        if AgreementPolicy.isCity(p, s) { return .city }
        return nil
    }

    static func page(
        _ c: RequestContext, _ s: AgreementSource, _ form: FormState? = nil, status: HTTPStatus = .ok
    ) throws -> Response {
        let (sheets, agreement) = try c.services.database.read { db in
            (
                try AgreementStore.sheets(db, sourceType: s.type, sourceID: s.id),
                try AgreementStore.existing(db, sourceType: s.type, sourceID: s.id)
            )
        }
        let mySide = side(c.principal, s)
        let org = sheets.first { $0.side == .organisation }, city = sheets.first { $0.side == .city }
        let both = (org?.submitted ?? false) && (city?.submitted ?? false)
        let own = sheets.first { $0.side == mySide }
        var state = form ?? FormState()
        if form == nil, let own { for item in PreConfirmation.items { state.values[item] = own.answers[item] ?? "" } }
        let fields = PreConfirmation.items.map {
            FieldView($0, label: c.t("preconfirm.item.\($0)"), kind: .textarea, required: true)
        }
        return try c.render(
            PreConfirmationPage(
                title: s.title, sourceHref: s.href, path: s.href + "/pre-confirmation",
                side: mySide.map { c.t($0.messageKey) },
                ownSubmitted: own?.submitted ?? false, organisationSubmitted: org?.submitted ?? false,
                citySubmitted: city?.submitted ?? false,
                // Neither side reads the other's answers before both are in.
                items: both
                    ? PreConfirmation.items.map { key in
                        let a = org?.answers[key] ?? "", b = city?.answers[key] ?? ""
                        return .init(
                            key: key, label: c.t("preconfirm.item.\(key)"), organisation: a, city: b,
                            differs: a.trimmingCharacters(in: .whitespacesAndNewlines)
                                != b.trimmingCharacters(in: .whitespacesAndNewlines))
                    } : [],
                form: c.formView(state, fields), canDraft: both && agreement == nil && c.principal.isOffice,
                sourceType: s.type, sourceID: s.id,
                agreementID: agreement), status: status)
    }

    static func show(_ c: RequestContext) throws -> Response { try page(c, try c.record(AgreementSource.self)) }

    static func save(_ c: RequestContext) throws -> Response {
        let s = try c.record(AgreementSource.self)
        guard let mySide = side(c.principal, s) else { throw HTTPError(.notFound) }
        var form = FormState(try c.request.form(), fields: PreConfirmation.items + ["intent"])
        let submitting = form["intent"] == "submit"
        var sheet = PreConfirmation(side: mySide)
        for item in PreConfirmation.items {
            sheet.answers[item] = form.text(item, max: 4_000, required: submitting, c) ?? ""
        }
        sheet.submitted = submitting
        guard form.isValid else { return try page(c, s, form, status: .unprocessableContent) }
        try c.services.database.write { db in
            guard try AgreementStore.saveSheet(db, sourceType: s.type, sourceID: s.id, sheet, now: c.now) else {
                throw HTTPError(.conflict, message: c.t("preconfirm.error.submitted"))
            }
            try Audit.record(
                db, c.actor, action: submitting ? "preconfirm.submit" : "preconfirm.save", recordType: s.type,
                recordID: s.id,
                after: ["side": .string(mySide.rawValue)], now: c.now)
        }
        return c.redirect(
            to: s.href + "/pre-confirmation",
            flash: submitting ? "preconfirm.flash.submitted" : "preconfirm.flash.saved")
    }
}
