import HTTP

/// Who may do what with a grant application: the one place these questions are answered. The
/// office sees every application; an organisation's members see and edit their own; nobody else
/// learns that an application exists (404).
enum GrantPolicy {
    static func isMember(_ p: Principal, _ a: GrantApplication) -> Bool { p.memberships[a.organisationID] != nil }

    static func canView(_ p: Principal, _ a: GrantApplication) -> Bool { isMember(p, a) || p.isOffice }

    /// Drafts and returned applications, by their organisation only.
    static func canEdit(_ p: Principal, _ a: GrantApplication) -> Bool { isMember(p, a) && a.isEditable }

    /// 形式審査 (return, accept) and the report's acceptance: the office.
    static func canReview(_ p: Principal, _ a: GrantApplication) -> Bool { p.isOffice }

    /// 交付決定/不交付 and the budget panel.
    static func canDecide(_ p: Principal, _ a: GrantApplication) -> Bool { p.isOffice }

    /// What changed between submitted versions is the office's working view.
    static func canCompareVersions(_ p: Principal, _ a: GrantApplication) -> Bool { p.isOffice }

    /// The report exists once the grant is decided; the organisation writes it, the office reads it.
    static func canViewReport(_ p: Principal, _ a: GrantApplication) -> Bool { a.status == .approved && canView(p, a) }

    static func canWriteReport(_ p: Principal, _ r: GrantReport, of a: GrantApplication) -> Bool {
        a.status == .approved && isMember(p, a) && (r.status == .none || r.status == .returned)
    }

    static func loadCase(_ c: RequestContext) throws -> GrantCase? {
        let id = try c.request.parameters.require("id", as: Int64.self)
        return try c.services.database.read { try GrantStore.findCase($0, id: id) }
    }

    static func loadReport(_ c: RequestContext) throws -> ReportCase? {
        guard let g = try loadCase(c) else { return nil }
        return ReportCase(grant: g, report: try c.services.database.read { try GrantReportStore.find($0, applicationID: g.application.id) })
    }

    /// Route rules: the record is loaded and the question asked before the handler runs.
    /// A council member scoring it reads it (and its attachments), read-only; one recused from it does not.
    static func isReviewer(_ p: Principal, _ g: GrantCase) -> Bool { p.has(.council) && p.user.map { g.reviewers.contains($0.id) } ?? false }

    static let view = RecordRule.record("application.view", load: loadCase) { p, g in canView(p, g.application) || isReviewer(p, g) }
    static let edit = RecordRule.record("application.edit", load: loadCase) { p, g in isMember(p, g.application) }
    static let decide = RecordRule.record("application.decide", load: loadCase) { p, g in canDecide(p, g.application) }
    static let report = RecordRule.record("report.view", load: loadReport) { p, r in canViewReport(p, r.grant.application) }
    static let writeReport = RecordRule.record("report.write", load: loadReport) { p, r in
        canViewReport(p, r.grant.application) && isMember(p, r.grant.application)
    }
}
