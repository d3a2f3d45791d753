import Foundation
import SQLite

/// What an agreement is drafted from: a selected proposal or an approved grant, with the parties
/// and the text it pre-fills.
public struct AgreementSource: Sendable {
    public var type: String
    public var id: Int64
    public var organisationID: Int64
    public var organisationName: String
    /// The partner departments (a grant has none: the office is the city side).
    public var departments: [Department]
    public var title: String
    public var purpose: String
    public var content: String
    public var periodFrom: String?
    public var periodTo: String?
    public var roleOrganisation: String
    public var roleCity: String
    public var expenses: [GrantApplication.BudgetLine]
    /// Selected (or further on) / approved: an agreement may be prepared.
    public var ready: Bool

    public var expenseTotal: Yen { Yen.total(expenses.map(\.amount)) }
    public var href: String { type == "proposal" ? "/proposals/\(id)" : "/applications/\(id)" }

    public static func load(_ db: Database, type: String, id: Int64) throws -> AgreementSource? {
        if type == "proposal" {
            guard let p = try ProposalStore.find(db, id: id) else { return nil }
            return AgreementSource(
                type: type, id: id, organisationID: p.organisationID, organisationName: p.organisationName,
                departments: p.departments, title: p.title, purpose: p.purpose, content: p.content,
                periodFrom: p.periodFrom, periodTo: p.periodTo, roleOrganisation: p.roleOrganisation,
                roleCity: p.roleCity,
                expenses: p.budget.filter { $0.direction == .expense }, ready: p.status.isPublished)
        }
        guard type == "application", let a = try GrantStore.find(db, id: id),
            let org = try OrganisationStore.find(db, id: a.organisationID)
        else { return nil }
        return AgreementSource(
            type: type, id: id, organisationID: a.organisationID, organisationName: org.name, departments: [],
            title: a.projectTitle, purpose: a.purpose, content: a.content, periodFrom: nil, periodTo: nil,
            roleOrganisation: "", roleCity: "", expenses: a.budget.filter { $0.direction == .expense },
            ready: a.status == .approved)
    }
}

/// An agreement with what it was drafted from: what the policy and the workflow need.
public struct AgreementCase: Sendable {
    public var agreement: Agreement
    public var source: AgreementSource
}
