import Foundation
import Templating

/// An organisation's profile as its public page and the office's review page show it; private
/// fields only when `full` was asked for, marked as private.
struct OrganisationProfile: TemplateView {
    struct Detail: TemplateView {
        let label: String
        let value: String
        let isPrivate: Bool
        let isLink: Bool
        static let fields = Fields<Detail>(["label": .text(\.label), "value": .text(\.value), "isPrivate": .bool(\.isPrivate),
                                            "isLink": .bool(\.isLink)])
    }

    let id: Int64
    let name: String
    let kana: String
    let kind: String
    let status: String
    let statusCode: String
    let returnReason: String
    let activityFields: [String]
    let details: [Detail]
    let summary: String
    let trackRecord: String
    let summaryPrivate: Bool
    let trackRecordPrivate: Bool

    static let fields = Fields<OrganisationProfile>([
        "id": .int { Int($0.id) }, "name": .text(\.name), "kana": .text(\.kana), "kind": .text(\.kind), "status": .text(\.status),
        "statusCode": .text(\.statusCode), "returnReason": .text(\.returnReason), "fields": .texts(\.activityFields),
        "details": .list(\.details), "summary": .text(\.summary), "trackRecord": .text(\.trackRecord),
        "summaryPrivate": .bool(\.summaryPrivate), "trackRecordPrivate": .bool(\.trackRecordPrivate),
    ])
}

/// One document in a list of an organisation's documents.
struct DocumentItem: TemplateView {
    let id: Int64
    let organisationID: Int64
    let kind: String
    let fiscalYear: Int?
    let filename: String
    let size: String
    let isPublic: Bool
    let uploadedAt: Date

    static let fields = Fields<DocumentItem>([
        "id": .int { Int($0.id) }, "organisationID": .int { Int($0.organisationID) }, "kind": .text(\.kind),
        "fiscalYear": .int(\.fiscalYear), "filename": .text(\.filename), "size": .text(\.size), "isPublic": .bool(\.isPublic),
        "uploadedAt": .date(\.uploadedAt),
    ])
}

/// `organisations/show`: the public page (and, for its members and the office, the full profile).
struct OrganisationPage: PageView {
    static let templates = ["organisations/show"]
    var template: String { "organisations/show" }
    let org: OrganisationProfile
    let canEdit: Bool
    let full: Bool
    let documents: [DocumentItem]
    /// Its selected collaboration proposals (its public record of collaboration so far).
    let proposals: [ProposalRow]
    /// Department themes open now in its activity fields: work it could propose for.
    let themes: [ThemePage.CallLink]
    /// Published evaluations of its collaboration projects.
    let evaluations: [ThemePage.CallLink]
    /// Grants of calls whose results are published.
    let grants: [Grant]
    /// Its agreements in force or completed.
    let agreements: [AgreementLink]

    struct Grant: TemplateView {
        let callID: Int64
        let call: String
        let fiscalYear: Int
        let title: String
        let granted: Yen?
        let settled: Yen?
        static let fields = Fields<Grant>([
            "callID": .int { Int($0.callID) }, "call": .text(\.call), "fiscalYear": .int(\.fiscalYear), "title": .text(\.title),
            "granted": .yen(\.granted), "settled": .yen(\.settled),
        ])
    }

    struct AgreementLink: TemplateView {
        let id: Int64
        let title: String
        let periodFrom: String
        let periodTo: String
        let status: String
        static let fields = Fields<AgreementLink>([
            "id": .int { Int($0.id) }, "title": .text(\.title), "periodFrom": .text(\.periodFrom), "periodTo": .text(\.periodTo),
            "status": .text(\.status),
        ])
    }

    static let fields = Fields<OrganisationPage>([
        "org": .view(\.org), "canEdit": .bool(\.canEdit), "full": .bool(\.full), "documents": .list(\.documents),
        "proposals": .list(\.proposals), "themes": .list(\.themes), "evaluations": .list(\.evaluations),
        "grants": .list(\.grants), "agreements": .list(\.agreements),
    ])
}

/// `organisations/review`: the office checks a registration and verifies or returns it.
struct ReviewPage: PageView {
    struct Member: TemplateView {
        let name: String
        let email: String
        let role: String
        static let fields = Fields<Member>(["name": .text(\.name), "email": .text(\.email), "role": .text(\.role)])
    }

    static let templates = ["organisations/review"]
    var template: String { "organisations/review" }
    let form: FormView
    let org: OrganisationProfile
    let canDecide: Bool
    let members: [Member]
    /// The shared history and timeline panels.
    let history: TemplateValue
    let timeline: TemplateValue

    static let fields = Fields<ReviewPage>(Fields.form(\.form) + [
        ("org", .view(\.org)), ("canDecide", .bool(\.canDecide)), ("members", .list(\.members)),
        ("history", .value(\.history)), ("timeline", .value(\.timeline)),
    ])
}

/// The id and name of the organisation a page is about.
struct OrganisationName: TemplateView {
    let id: Int64
    let name: String
    static let fields = Fields<OrganisationName>(["id": .int { Int($0.id) }, "name": .text(\.name)])
}

/// `organisations/documents`: the organisation's documents, with the upload form.
struct DocumentsPage: PageView {
    static let templates = ["organisations/documents"]
    var template: String { "organisations/documents" }
    let form: FormView
    let org: OrganisationName
    let documents: [DocumentItem]
    /// 「使用量 12.3 MB / 200 MB」.
    let usage: String
    static let fields = Fields<DocumentsPage>(Fields.form(\.form) + [
        ("org", .view(\.org)), ("documents", .list(\.documents)), ("usage", .text(\.usage)),
    ])
}

/// `organisations/members`: who works for the organisation; the representative invites, hands over, removes.
struct MembersPage: PageView {
    struct Member: TemplateView {
        let userID: Int64
        let name: String
        let email: String
        let role: String
        let isRepresentative: Bool
        let pending: Bool
        let invited: Bool
        let manageable: Bool
        let canLead: Bool
        static let fields = Fields<Member>([
            "userID": .int { Int($0.userID) }, "name": .text(\.name), "email": .text(\.email), "role": .text(\.role),
            "isRepresentative": .bool(\.isRepresentative), "pending": .bool(\.pending), "invited": .bool(\.invited),
            "manageable": .bool(\.manageable), "canLead": .bool(\.canLead),
        ])
    }

    static let templates = ["organisations/members"]
    var template: String { "organisations/members" }
    let form: FormView
    let org: OrganisationName
    let canManage: Bool
    let members: [Member]
    static let fields = Fields<MembersPage>(Fields.form(\.form) + [
        ("org", .view(\.org)), ("canManage", .bool(\.canManage)), ("members", .list(\.members)),
    ])
}

/// `organisations/new`: registration, with the account fields when nobody is signed in;
/// `organisations/counter`: the office registers an organisation at the counter.
struct RegistrationPage: PageView {
    static let templates = ["organisations/new", "organisations/counter"]
    let template: String
    let form: FormView
    let needsAccount: Bool
    static let fields = Fields<RegistrationPage>(Fields.form(\.form) + [("needsAccount", .bool(\.needsAccount))])
}

/// `organisations/edit`: the profile form, its state, and the history of changes.
struct ProfilePage: PageView {
    struct State: TemplateView {
        let id: Int64
        let name: String
        let status: String
        let returned: Bool
        let returnReason: String
        let active: Bool
        let inactive: Bool
        static let fields = Fields<State>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "status": .text(\.status), "returned": .bool(\.returned),
            "returnReason": .text(\.returnReason), "active": .bool(\.active), "inactive": .bool(\.inactive),
        ])
    }

    static let templates = ["organisations/edit"]
    var template: String { "organisations/edit" }
    let form: FormView
    let org: State
    let canChangeActivity: Bool
    /// The shared history panel.
    let history: TemplateValue
    static let fields = Fields<ProfilePage>(Fields.form(\.form) + [
        ("org", .view(\.org)), ("canChangeActivity", .bool(\.canChangeActivity)), ("history", .value(\.history)),
    ])
}
