import HTTP

/// Who may see and do what with a proposal. A draft is its organisation's only; once submitted,
/// the office sees every proposal and a department sees those that name it as partner (never
/// those only for other departments); the public sees the summary of a selected proposal. Anyone
/// else gets 404, so ids reveal nothing.
enum ProposalPolicy {
    static func isMember(_ p: Principal, _ x: Proposal) -> Bool { p.memberships[x.organisationID] != nil }

    static func isPartner(_ p: Principal, _ x: Proposal) -> Bool {
        guard let own = p.departmentID else { return false }
        return x.departmentIDs.contains(own)
    }

    /// Sees the whole proposal: its organisation; the office and partner departments once it is
    /// submitted (a draft is the organisation's own).
    static func isInsider(_ p: Principal, _ x: Proposal) -> Bool {
        isMember(p, x) || (x.status != .draft && (p.isOffice || isPartner(p, x)))
    }

    static func canView(_ p: Principal, _ x: Proposal) -> Bool { isInsider(p, x) || x.status.isPublished }

    static func canEdit(_ p: Principal, _ x: Proposal) -> Bool { isMember(p, x) && x.isEditable }

    /// The departments' opinions are the city side's working material.
    static func canReadOpinions(_ p: Principal, _ x: Proposal) -> Bool {
        x.status != .draft && (p.isOffice || isPartner(p, x))
    }

    static func canGiveOpinion(_ p: Principal, _ x: Proposal) -> Bool { isPartner(p, x) && x.status == .consultation }

    /// The presentation slot and the decision: the office, during 公開審査.
    static func canDecide(_ p: Principal, _ x: Proposal) -> Bool { p.isOffice }

    static func load(_ c: RequestContext) throws -> ProposalCase? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try ProposalStore.findCase($0, id: id) }
    }

    /// A council member scoring it reads the whole proposal, read-only; one recused from it does not.
    static func isReviewer(_ p: Principal, _ x: ProposalCase) -> Bool {
        p.has(.council) && p.user.map { x.reviewers.contains($0.id) } ?? false
    }

    static let view = RecordRule.record("proposal.view", load: load) { p, x in
        canView(p, x.proposal) || isReviewer(p, x)
    }
    static let insider = RecordRule.record("proposal.insider", load: load) { p, x in isInsider(p, x.proposal) }
    static let edit = RecordRule.record("proposal.edit", load: load) { p, x in isMember(p, x.proposal) }
    static let opinion = RecordRule.record("proposal.opinion", load: load) { p, x in
        isPartner(p, x.proposal) && x.proposal.status != .draft
    }
    static let decide = RecordRule.record("proposal.decide", load: load) { p, x in canDecide(p, x.proposal) }
}
