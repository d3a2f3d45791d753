import Foundation
import Testing
@testable import Kyodo

/// Walks the whole route table — every route, and every action of every transition route — and,
/// for every kind of user, checks over HTTP that it lets in exactly who it should. The expected
/// sets are written here by hand (an oracle independent of the code's rules); a route or action
/// missing from them fails. The run writes the matrix it observed, with each route's declared
/// rule, to test-output/authorization-matrix.md.
@Suite struct AuthorizationMatrixTests {
    /// Each kind of user; `representative` and `editor` belong to the organisation under test,
    /// `otherMember` to a different one.
    enum Persona: String, CaseIterable {
        case anonymous, admin, staff, department, council, representative, editor, otherMember
    }

    static let everyone = Set(Persona.allCases)
    static let signedIn = everyone.subtracting([.anonymous])
    static let admins: Set<Persona> = [.admin]
    static let office: Set<Persona> = [.admin, .staff]
    static let orgEditors: Set<Persona> = [.admin, .staff, .representative, .editor]
    static let orgManagers: Set<Persona> = [.admin, .staff, .representative]
    static let members: Set<Persona> = [.representative, .editor]
    static let nobody: Set<Persona> = []

    /// "METHOD pattern" → who may use it.
    static let expectations: [String: Set<Persona>] = [
        "GET /": everyone,
        "GET /healthz": everyone,
        "GET /static/*path": everyone,
        "GET /login": everyone,
        "POST /login": everyone,
        "POST /logout": signedIn,
        "GET /account": signedIn,
        "POST /account": signedIn,
        "GET /account/password": signedIn,
        "POST /account/password": signedIn,
        "GET /password-reset": everyone,
        "POST /password-reset": everyone,
        "GET /password-reset/:token": everyone,
        "POST /password-reset/:token": everyone,
        "GET /invitations/:token": everyone,
        "POST /invitations/:token": everyone,
        "GET /admin/users": admins,
        "GET /admin/users/new": admins,
        "POST /admin/users": admins,
        "GET /admin/users/:id": admins,
        "POST /admin/users/:id": admins,
        "POST /admin/users/:id/invitation": admins,
        "GET /admin/audit": admins,
        "GET /admin/audit.csv": admins,
        "GET /dev/outbox": nobody, // exists only with --dev
        "POST /dev/crash": nobody, // exists only with --dev
        "GET /organisations": everyone,
        "GET /organisations/new": everyone,
        "POST /organisations": everyone,
        "GET /organisations/:id": everyone,
        "GET /organisations/:id/edit": orgEditors,
        "POST /organisations/:id/edit": orgEditors,
        "POST /organisations/:id/resubmit": orgEditors,
        "POST /organisations/:id/activity": orgManagers,
        "GET /organisations/:id/members": orgEditors,
        "POST /organisations/:id/members": orgManagers,
        "POST /organisations/:id/members/:user/remove": orgManagers,
        "POST /organisations/:id/members/:user/representative": orgManagers,
        "GET /my/organisations": signedIn,
        "POST /my/organisations/:id/select": members,
        "POST /my/organisations/:id/accept": nobody, // only with an open invitation (the fixture has none)
        "POST /my/organisations/:id/decline": nobody,
        "GET /organisations/:id/documents": orgEditors,
        "POST /organisations/:id/documents": orgEditors,
        "GET /organisations/:id/documents/:document": orgEditors,
        "POST /organisations/:id/documents/:document/delete": orgEditors,
        "POST /organisations/:id/documents/:document/visibility": orgEditors,
        "GET /staff/organisations": office,
        "GET /staff/organisations.csv": office,
        "GET /staff/organisations/new": office,
        "POST /staff/organisations": office,
        "GET /staff/organisations/:id": office,
        "POST /staff/organisations/:id/verify": office,
        "POST /staff/organisations/:id/return": office,
        "GET /open-data": everyone,
        "GET /staff/calls": office,
        "GET /staff/calls/new": office,
        "POST /staff/calls": office,
        "GET /staff/calls/:id": office,
        "GET /staff/calls/:id/edit": office,
        "POST /staff/calls/:id/edit": office,
        "POST /staff/calls/:id/transitions/:action open": office,
        "POST /staff/calls/:id/transitions/:action close": office,
        "POST /staff/calls/:id/transitions/:action review": office,
        "POST /staff/calls/:id/transitions/:action publish": office,
        "POST /staff/calls/:id/transitions/:action archive": office,
        "GET /calls": everyone,
        "GET /calls/:id": everyone,
        "POST /calls/:id/applications": [.representative, .editor, .otherMember],
        "GET /applications/:id": orgEditors,
        "GET /applications/:id/edit": members,
        "POST /applications/:id/edit": members,
        "POST /applications/:id/transitions/:action submit": members,
        "POST /applications/:id/transitions/:action resubmit": members,
        "POST /applications/:id/transitions/:action withdraw": members,
        "POST /applications/:id/transitions/:action return": office,
        "POST /applications/:id/transitions/:action accept": office,
        "POST /applications/:id/transitions/:action approve": nobody, // only through the decision form
        "POST /applications/:id/transitions/:action reject": nobody, // only through the decision form
        "GET /my/applications": [.representative, .editor, .otherMember],
        "GET /staff/calls/:id/applications": office,
        "POST /applications/:id/decision": office,
        "GET /calls/:id/results": nobody, // only once results are published; the fixture call is still open
        "GET /staff/calls/:id/applications.csv": office,
        "GET /applications/:id/print": orgEditors,
        "POST /applications/:id/attachments": members,
        "GET /applications/:id/attachments/:attachment": orgEditors,
        "POST /applications/:id/attachments/:attachment/delete": members,
        "GET /applications/:id/report": orgEditors,
        "POST /applications/:id/report": members,
        "POST /applications/:id/report/files": members,
        "POST /applications/:id/report/transitions/:action submit": members,
        "POST /applications/:id/report/transitions/:action return": office,
        "POST /applications/:id/report/transitions/:action accept": office,
        "POST /applications/:id/report/transitions/:action settle": office,
        "GET /admin/departments": admins,
        "POST /admin/departments": admins,
        "GET /admin/departments/:id": admins,
        "POST /admin/departments/:id": admins,
        "GET /themes": everyone,
        "GET /themes/:id": themeSide, // the fixture theme is a draft of the department persona's department
        "GET /staff/themes": themeSide,
        "GET /staff/themes/new": themeSide,
        "POST /staff/themes": themeSide,
        "GET /themes/:id/edit": themeSide,
        "POST /themes/:id/edit": themeSide,
        "POST /themes/:id/transitions/:action publish": office,
        "POST /themes/:id/transitions/:action close": themeSide,
        "POST /themes/:id/transitions/:action reopen": office,
        "POST /calls/:id/proposals": [.representative, .editor, .otherMember],
        "GET /proposals/:id": proposalSide, // the fixture proposal is submitted and names the department persona's department
        "GET /proposals/:id/edit": members,
        "POST /proposals/:id/edit": members,
        "POST /proposals/:id/transitions/:action submit": members,
        "POST /proposals/:id/transitions/:action resubmit": members,
        "POST /proposals/:id/transitions/:action withdraw": members,
        "POST /proposals/:id/transitions/:action report": members,
        "POST /proposals/:id/transitions/:action return": office,
        "POST /proposals/:id/transitions/:action consult": office,
        "POST /proposals/:id/transitions/:action review": office,
        "POST /proposals/:id/transitions/:action conclude": office,
        "POST /proposals/:id/transitions/:action start": office,
        "POST /proposals/:id/transitions/:action evaluate": office,
        "POST /proposals/:id/transitions/:action complete": office,
        "POST /proposals/:id/transitions/:action select": nobody, // only through the decision form
        "POST /proposals/:id/transitions/:action reject": nobody, // only through the decision form
        "GET /proposals/:id/print": proposalSide,
        "POST /proposals/:id/opinion": [.department],
        "POST /proposals/:id/presentation": office,
        "POST /proposals/:id/decision": office,
        "GET /my/proposals": [.representative, .editor, .otherMember],
        "GET /department/proposals": [.department],
        "GET /staff/calls/:id/proposals": office,
        "GET /staff/calls/:id/proposals.csv": office,
        "GET /proposals": everyone,
        "GET /staff/council": office,
        "POST /staff/council": office,
        "GET /staff/council/:id": office,
        "POST /staff/council/:id": office,
        "GET /staff/calls/:id/rounds/new": office,
        "POST /staff/calls/:id/rounds": office,
        "GET /staff/rounds/:id": office,
        "POST /staff/rounds/:id/transitions/:action close": office,
        "POST /staff/rounds/:id/transitions/:action close-early": office,
        "POST /staff/rounds/:id/opinions": office,
        "POST /staff/rounds/:id/reopen": office,
        "GET /staff/rounds/:id/results.csv": office,
        "GET /review": [.council],
        "GET /review/items/:id": [.council], // the council persona is assigned to the fixture round
        "POST /review/items/:id": [.council],
        "POST /review/items/:id/conflict": [.council],
        "POST /agreements": office,
        "GET /agreements": everyone,
        "GET /agreements/:id": proposalSide, // the fixture agreement is a draft: its parties only
        "GET /agreements/:id/edit": themeSide, // the city side: the office and the partner department
        "POST /agreements/:id/edit": themeSide,
        "POST /agreements/:id/transitions/:action negotiate": office,
        "POST /agreements/:id/transitions/:action confirm-organisation": members,
        "POST /agreements/:id/transitions/:action confirm-city": themeSide,
        "POST /agreements/:id/transitions/:action conclude": office,
        "POST /agreements/:id/transitions/:action complete": office,
        "POST /agreements/:id/transitions/:action terminate": office,
        "POST /agreements/:id/transitions/:action revise": nobody, // only by saving a changed text
        "GET /agreements/:id/print": proposalSide,
        "GET /agreements/:id/versions": proposalSide,
        "GET /proposals/:id/pre-confirmation": proposalSide, // a selected proposal's parties
        "POST /proposals/:id/pre-confirmation": proposalSide,
        "GET /applications/:id/pre-confirmation": orgEditors, // an approved grant's parties: the organisation and the office
        "POST /applications/:id/pre-confirmation": orgEditors,
        "GET /agreements/:id/evaluation": proposalSide, // for these the fixture agreement is in force; the evaluation unpublished
        "POST /agreements/:id/retrospective": proposalSide,
        "POST /agreements/:id/checklist": proposalSide,
        "POST /agreements/:id/evaluation/remarks": office,
        "POST /agreements/:id/evaluation/transitions/:action publish": office,
        "GET /staff/meetings": office,
        "POST /staff/meetings": office,
        "GET /staff/meetings/:id": office,
        "POST /staff/meetings/:id": office,
        "POST /staff/meetings/:id/transitions/:action cancel": office,
        "GET /staff/meetings/:id/minutes": office,
        "POST /staff/meetings/:id/minutes": office,
        "POST /staff/meetings/:id/minutes/anonymise": office,
        "POST /staff/meetings/:id/minutes/transitions/:action send": office,
        "POST /staff/meetings/:id/minutes/transitions/:action approve": office,
        "POST /staff/meetings/:id/minutes/transitions/:action publish": office,
        "POST /staff/meetings/:id/minutes/transitions/:action correct": office,
        "GET /council/meetings/:id/minutes/review": [.admin, .staff, .council], // the council persona attended; minutes with the members
        "POST /council/meetings/:id/minutes/confirm": [.council],
        "GET /council/meetings": everyone,
        "GET /council/meetings.ics": everyone,
        "GET /council/meetings/:id": everyone,
        "GET /minutes/search": everyone,
        "GET /minutes/:id": everyone, // the fixture meeting has published minutes
        "GET /open-data/:file": everyone,
        "GET /search": everyone,
        "GET /attention": signedIn,
        "GET /notifications": signedIn,
        "POST /notifications/read-all": signedIn,
        "POST /notifications/:id/read": nobody, // the fixture has no notification of anyone's (404)
        "GET /admin/mail": admins,
        "GET /account/email/:token": everyone, // like invitations: anyone holding the link (the fixture's is invalid: 404)
        "POST /account/email/:token": everyone,
        "POST /admin/mail/:id/retry": nobody, // admins only; the fixture has no failed mail (404)
        "GET /robots.txt": everyone,
        "GET /sitemap.xml": everyone,
        "POST /staff/meetings/:id/materials": office,
        "POST /staff/meetings/:id/materials/:material/delete": office,
        "GET /council/meetings/:id/materials/:material": everyone, // a public material
    ]

    static let themeSide: Set<Persona> = [.admin, .staff, .department]
    static let proposalSide: Set<Persona> = [.admin, .staff, .department, .representative, .editor]

    /// The actions a transition route can be asked for, by route pattern.
    static let actions: [String: [String]] = [
        "/staff/calls/:id/transitions/:action": CallAction.allCases.map(\.rawValue),
        "/applications/:id/transitions/:action": GrantAction.allCases.map(\.rawValue),
        "/applications/:id/report/transitions/:action": ReportAction.allCases.map(\.rawValue),
        "/themes/:id/transitions/:action": ThemeAction.allCases.map(\.rawValue),
        "/proposals/:id/transitions/:action": ProposalAction.allCases.map(\.rawValue),
        "/staff/rounds/:id/transitions/:action": RoundAction.allCases.map(\.rawValue),
        "/agreements/:id/transitions/:action": AgreementAction.allCases.map(\.rawValue),
        "/agreements/:id/evaluation/transitions/:action": EvaluationAction.allCases.map(\.rawValue),
        "/staff/meetings/:id/transitions/:action": MeetingAction.allCases.map(\.rawValue),
        "/staff/meetings/:id/minutes/transitions/:action": MinutesAction.allCases.map(\.rawValue),
    ]

    /// Every case the matrix checks: each route, and each action of a transition route.
    static func cases(_ routes: RouteTable) -> [(entry: RouteTable.Entry, action: String?, key: String)] {
        routes.entries.flatMap { entry -> [(entry: RouteTable.Entry, action: String?, key: String)] in
            let base = "\(entry.method) \(entry.path)"
            guard let actions = actions[entry.path] else { return [(entry, nil, base)] }
            return actions.map { (entry, $0, "\(base) \($0)") }
        }
    }

    @Test func everyRoute_hasAnExpectation() throws {
        let app = try TestApp()
        for c in Self.cases(app.app.routeTable) {
            #expect(Self.expectations[c.key] != nil, "\(c.key) has no authorization expectation")
        }
        #expect(app.app.routeTable.entries.allSatisfy { !$0.path.contains(":action") || Self.actions[$0.path] != nil })
    }

    /// Puts a fresh record into a state the action can be taken from, so the check is about who
    /// may take it, not about the state.
    static func prepare(_ app: TestApp, action: String?, path: String, application: Int64, call: inout Int64,
                        theme: Int64, proposal: Int64, agreement: Int64) throws {
        guard let action else { return }
        let now = app.services.now()
        if path.hasPrefix("/agreements"), let a = AgreementAction(rawValue: action),
           let from = AgreementWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
            try app.services.database.write { try AgreementStore.forceStatus($0, id: agreement, from, now: now) }
        } else if path.hasPrefix("/themes"), let a = ThemeAction(rawValue: action),
           let from = ThemeWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
            try app.services.database.write { _ = try $0.execute("UPDATE theme SET status = ? WHERE id = ?", [from.rawValue, theme]) }
        } else if path.hasPrefix("/proposals"), let a = ProposalAction(rawValue: action),
                  let from = ProposalWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
            try app.services.database.write { try ProposalStore.forceStatus($0, id: proposal, from, now: now) }
        } else if path.hasPrefix("/staff/calls"), let a = CallAction(rawValue: action),
           let from = CallWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
            var fresh = try #require(try app.services.database.read { try CallStore.find($0, id: call) })
            fresh.status = from
            call = try app.services.database.write { try CallStore.insert($0, fresh, now: now) }
        } else if path.contains("/report/"), let a = ReportAction(rawValue: action),
                  let from = GrantReportRoutes.workflow.transitions.first(where: { $0.action == a })?.from.first {
            try app.services.database.write { try GrantReportStore.forceStatus($0, applicationID: application, from) }
        } else if let a = GrantAction(rawValue: action), let from = GrantWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
            try app.services.database.write { try GrantStore.forceStatus($0, id: application, from, now: now) }
        }
    }

    @Test func everyRoute_letsInExactlyTheExpectedPersonas() throws {
        let app = try TestApp()
        let target = try app.createUser("target@example.jp", roles: [.staff])
        let roles: [Persona: Set<Role>] = [.admin: [.admin], .staff: [.staff], .department: [.department], .council: [.council],
                                           .representative: [], .editor: [], .otherMember: []]
        var ids: [Persona: Int64] = [:]
        for (persona, set) in roles {
            ids[persona] = try app.createUser("\(persona.rawValue)@example.jp", roles: set, department: persona == .department ? "公園緑地課" : nil)
        }
        try app.createOrganisation("他の会", member: ids[.otherMember]!)
        let upload = app.services.files.temporaryDirectory + "/fixture.pdf"
        try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: upload))
        let sha = try app.services.files.keep(upload)
        var call = Call()
        call.title = "公開中の募集"; call.opensAt = Date().addingTimeInterval(-3600); call.closesAt = Date().addingTimeInterval(86_400)
        call.status = .open; call.eligibleKinds = [.npo]
        call.criteria = [.init(name: "公益性", description: "", weight: 1, scaleMin: 1, scaleMax: 5)]
        let callID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        call.kind = .proposal
        call.title = "公開中の提案募集"
        let proposalCallID = try app.services.database.write { [app] in try CallStore.insert($0, call, now: app.services.now()) }
        let parks = try #require(try app.services.database.read { try DepartmentStore.find($0, name: "公園緑地課") }).id
        // A council member (the council persona) scoring a round on an application of another organisation.
        let (memberID, roundID, itemID) = try app.services.database.write { [app] db -> (Int64, Int64, Int64) in
            let now = app.services.now()
            var m = CouncilMember()
            m.name = "委員 一"; m.userID = ids[.council]; m.category = .academic; m.termFrom = "2000-01-01"; m.termTo = "2999-12-31"
            m.id = try CouncilStore.insert(db, m, now: now)
            let other = try #require(try db.scalar("SELECT id FROM organisation WHERE name = '他の会'", as: Int64.self))
            let application = try GrantStore.create(db, callID: callID, organisationID: other, now: now)
            var item = ReviewItem()
            item.recordID = application; item.organisationID = other; item.title = "審査対象"
            let round = try ReviewStore.open(db, callID: callID, stage: .pre, dueOn: "2999-01-01", members: [m], items: [item], reason: "", now: now)
            let itemID = try #require(try ReviewStore.items(db, roundID: round).first?.id)
            return (m.id, round, itemID)
        }
        // A meeting the council persona attended, with published minutes now back with the members.
        let meetingID = try app.services.database.write { [app] db -> Int64 in
            let now = app.services.now()
            var meeting = Meeting()
            meeting.startsAt = now; meeting.endsAt = now.addingTimeInterval(3600); meeting.place = "会議室"; meeting.agenda = ["議題"]
            meeting.attendance = [memberID: true]
            let id = try MeetingStore.insert(db, meeting, now: now)
            try MeetingStore.publish(db, meetingID: id, pseudonyms: [:], snapshot: PublishedMinutes(items: []))
            return id
        }
        let materialFile = app.services.files.temporaryDirectory + "/material.pdf"
        try Data("%PDF-1.4\n".utf8).write(to: URL(fileURLWithPath: materialFile))
        let materialSHA = try app.services.files.keep(materialFile)
        var matrix = ["| route | rule | " + Persona.allCases.map(\.rawValue).joined(separator: " | ") + " |",
                      "|---|---|" + String(repeating: "---|", count: Persona.allCases.count)]
        for (entry, action, key) in Self.cases(app.app.routeTable) {
            guard let allowed = Self.expectations[key] else { continue }
            var row: [String] = []
            for persona in Persona.allCases {
                // A fresh organisation for every check, so one persona's change cannot affect the next.
                let org = try app.createOrganisation("対象の会", member: ids[.representative]!)
                let fellow = try app.createUser("fellow-\(org)@example.jp")
                try app.services.database.write { [app] db in
                    try MemberStore.add(db, organisationID: org, userID: ids[.editor]!, role: .editor, now: app.services.now())
                    try MemberStore.add(db, organisationID: org, userID: fellow, role: .editor, now: app.services.now())
                }
                let document = try app.services.database.write { [app] in
                    try DocumentStore.insert($0, organisationID: org, kind: .articles, fiscalYear: nil, filename: "a.pdf", contentType: "application/pdf",
                                             size: 9, sha256: sha, isPublic: false, uploadedBy: nil, now: app.services.now())
                }
                let application = try app.services.database.write { [app] db -> Int64 in
                    let id = try GrantStore.create(db, callID: callID, organisationID: org, now: app.services.now())
                    // Reports exist only for approved applications.
                    if entry.path.contains("/report") { try GrantStore.forceStatus(db, id: id, .approved, now: app.services.now()) }
                    return id
                }
                let attachment = try app.services.database.write { [app] in
                    try GrantAttachmentStore.insert($0, applicationID: application, name: "その他", filename: "a.pdf", contentType: "application/pdf",
                                                    size: 9, sha256: sha, uploadedBy: nil, now: app.services.now())
                }
                // A draft theme of the department persona's department, and a submitted proposal naming it.
                let theme = try app.services.database.write { [app] db -> Int64 in
                    var t = Theme()
                    t.departmentID = parks; t.title = "公園の活用"; t.fiscalYear = 2026; t.localIssue = "課題"; t.wanted = "期待"; t.fields = [3]
                    return try ThemeStore.insert(db, t, now: app.services.now())
                }
                let proposal = try app.services.database.write { [app] db -> Int64 in
                    let id = try ProposalStore.create(db, callID: proposalCallID, organisationID: org, theme: nil, now: app.services.now())
                    try db.execute("INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [id, parks])
                    try ProposalStore.forceStatus(db, id: id, .submitted, now: app.services.now())
                    return id
                }
                try app.services.database.write { db in
                    try db.execute("UPDATE minutes SET status = 'confirming' WHERE meeting_id = ?", [meetingID])
                    try db.execute("UPDATE council_meeting SET status = 'scheduled' WHERE id = ?", [meetingID])
                    if let action, entry.path.contains("/minutes/transitions"), let a = MinutesAction(rawValue: action),
                       let from = MinutesWorkflow.workflow.transitions.first(where: { $0.action == a })?.from.first {
                        try db.execute("UPDATE minutes SET status = ? WHERE meeting_id = ?", [from.rawValue, meetingID])
                    }
                }
                // Each check starts from an open round the council persona has not declared a conflict in.
                try app.services.database.write { db in
                    try db.execute("UPDATE review_round SET status = 'open' WHERE id = ?", [roundID])
                    try db.execute("DELETE FROM review_recusal WHERE item_id = ?", [itemID])
                }
                // A selected proposal naming the same department, with a draft agreement; an approved grant for its sheets.
                let (selected, agreement) = try app.services.database.write { [app] db -> (Int64, Int64) in
                    let now = app.services.now()
                    let id = try ProposalStore.create(db, callID: proposalCallID, organisationID: org, theme: nil, now: now)
                    try db.execute("INSERT INTO proposal_department (proposal_id, department_id) VALUES (?, ?)", [id, parks])
                    try ProposalStore.forceStatus(db, id: id, .selected, now: now)
                    var a = Agreement()
                    a.sourceID = id; a.organisationID = org; a.departmentID = parks; a.title = "協定"
                    return (id, try AgreementStore.insert(db, a, now: now))
                }
                if ["/evaluation", "/retrospective", "/checklist"].contains(where: entry.path.contains) {
                    try app.services.database.write { [app] in try AgreementStore.forceStatus($0, id: agreement, .inForce, now: app.services.now()) }
                }
                if entry.path.hasPrefix("/applications/:id/pre-confirmation") {
                    try app.services.database.write { [app] in try GrantStore.forceStatus($0, id: application, .approved, now: app.services.now()) }
                }
                let material = try app.services.database.write { [app] in
                    try MaterialStore.insert($0, meetingID: meetingID, title: "資料1", filename: "a.pdf", contentType: "application/pdf", size: 9,
                                             sha256: materialSHA, isPublic: true, uploadedBy: nil, now: app.services.now())
                }
                var thisCall = entry.path.contains("proposals") ? proposalCallID : callID
                try Self.prepare(app, action: action, path: entry.path, application: application, call: &thisCall, theme: theme,
                                 proposal: proposal, agreement: agreement)
                let idValue = entry.path.hasPrefix("/admin/users") ? target : entry.path.hasPrefix("/admin/departments") ? parks
                    : entry.path.hasPrefix("/staff/council") ? memberID : entry.path.hasPrefix("/staff/rounds") ? roundID
                    : entry.path.hasPrefix("/review/items") ? itemID : entry.path.hasPrefix("/agreements") ? agreement
                    : entry.path.hasPrefix("/proposals/:id/pre-confirmation") ? selected
                    : ["/staff/meetings/", "/council/meetings/", "/minutes/"].contains(where: entry.path.hasPrefix) ? meetingID
                    : entry.path.contains("calls") ? thisCall : entry.path.hasPrefix("/applications") ? application
                    : entry.path.hasPrefix("/themes") ? theme : entry.path.hasPrefix("/proposals") ? proposal : org
                let path = entry.path.replacingOccurrences(of: ":id", with: String(idValue)).replacingOccurrences(of: ":user", with: String(fellow))
                    .replacingOccurrences(of: ":action", with: action ?? "")
                    .replacingOccurrences(of: ":document", with: String(document)).replacingOccurrences(of: ":attachment", with: String(attachment))
                    .replacingOccurrences(of: ":token", with: "no-such-token").replacingOccurrences(of: ":material", with: String(material))
                    .replacingOccurrences(of: ":file", with: "proposals.csv")
                    .replacingOccurrences(of: "*path", with: "css/site.css")
                let browser = app.browser()
                if persona != .anonymous { try browser.signIn("\(persona.rawValue)@example.jp", "correct-horse-battery") }
                let response: HTTPClient.Response
                if entry.method == "GET" {
                    response = try browser.get(path)
                } else {
                    // A page with a form, to carry that browser's CSRF token like a real submission.
                    try browser.get(persona == .anonymous ? "/login" : "/")
                    response = try browser.post(path, [])
                }
                let location = response.header("Location") ?? ""
                // A record the persona may not see answers 404; an invalid link token is 404 for everyone.
                let denied = response.status == 403 || location.hasPrefix("/login") || (response.status == 404 && !entry.path.contains(":token"))
                row.append(denied ? "✗ \(response.status)" : "✓ \(response.status)")
                if allowed.contains(persona) {
                    #expect(!denied, "\(persona) should be allowed \(key) but got \(response.status) \(location)")
                    #expect(response.status < 500, "\(persona) \(key) failed with \(response.status)")
                } else {
                    #expect(denied, "\(persona) should be denied \(key) but got \(response.status) \(location)")
                }
            }
            matrix.append("| `\(key)` | \(entry.access.name) | " + row.joined(separator: " | ") + " |")
        }
        let output = TestApp.packageRoot + "/test-output"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try (matrix.joined(separator: "\n") + "\n").write(toFile: output + "/authorization-matrix.md", atomically: true, encoding: .utf8)
    }
}
