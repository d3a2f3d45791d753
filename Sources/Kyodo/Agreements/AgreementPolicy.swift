import HTTP

/// Who may see and do what with an agreement and its pre-confirmation sheets. The parties are the
/// organisation (its members) and the city (the office and the partner departments). A draft is
/// theirs only; an agreement in force is public (without contact data). Anyone else gets 404.
enum AgreementPolicy {
    static func isMember(_ p: Principal, _ s: AgreementSource) -> Bool { p.memberships[s.organisationID] != nil }

    /// The city side: the office, or staff of a partner department.
    static func isCity(_ p: Principal, _ s: AgreementSource) -> Bool {
        if p.isOffice { return true }
        guard let own = p.departmentID else { return false }
        return s.departments.contains { $0.id == own }
    }

    static func isParty(_ p: Principal, _ s: AgreementSource) -> Bool { isMember(p, s) || isCity(p, s) }

    static func canView(_ p: Principal, _ x: AgreementCase) -> Bool {
        x.agreement.status.isPublic || isParty(p, x.source)
    }

    static func canEdit(_ p: Principal, _ x: AgreementCase) -> Bool { isCity(p, x.source) && x.agreement.isEditable }

    static func loadAgreement(_ c: RequestContext) throws -> AgreementCase? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { db in
            guard let a = try AgreementStore.find(db, id: id),
                let s = try AgreementSource.load(db, type: a.sourceType, id: a.sourceID)
            else { return nil }
            return AgreementCase(agreement: a, source: s)
        }
    }

    static func loader(_ type: String) -> @Sendable (RequestContext) throws -> AgreementSource? {
        { c in
            let id = try c.request.parameters.require("id", as: Int64.self)
            return try c.services.database.read { try AgreementSource.load($0, type: type, id: id) }
        }
    }

    static let view = RecordRule.record("agreement.view", load: loadAgreement, allow: canView)
    static let party = RecordRule.record("agreement.party", load: loadAgreement) { p, x in isParty(p, x.source) }
    static let city = RecordRule.record("agreement.city", load: loadAgreement) { p, x in isCity(p, x.source) }
    /// The pre-confirmation sheets of a selected proposal or an approved grant: its two parties.
    static let proposalSheet = RecordRule.record("preconfirm.proposal", load: loader("proposal")) { p, s in
        s.ready && isParty(p, s)
    }
    static let grantSheet = RecordRule.record("preconfirm.application", load: loader("application")) { p, s in
        s.ready && isParty(p, s)
    }
}
