import HTTP
import SQLite
import Templating

/// Who works for an organisation: the representative (代表) invites editors (編集) by email,
/// removes them and hands over the role; a person in several organisations switches between them.
enum MemberRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/organisations/:id/members", .record(OrganisationPolicy.edit), showMembers)
        routes.post("/organisations/:id/members", .record(OrganisationPolicy.manage), inviteMember)
        routes.post("/organisations/:id/members/:user/remove", .record(OrganisationPolicy.manage), removeMember)
        routes.post("/organisations/:id/members/:user/representative", .record(OrganisationPolicy.manage), handOver)
        routes.get("/my/organisations", .signedIn, listMine)
        routes.post("/my/organisations/:id/select", .record(OrganisationPolicy.member), selectOrganisation)
        routes.post("/my/organisations/:id/accept", .signedIn, acceptInvitation)
        routes.post("/my/organisations/:id/decline", .signedIn, declineInvitation)
    }

    static func inviteFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("name", label: c.t("account.displayName"), required: true),
         FieldView("email", label: c.t("account.email"), kind: .input(type: "email"), required: true)]
    }

    static func page(_ c: RequestContext, _ org: Organisation, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let members = try c.services.database.read { try MemberStore.members($0, organisationID: org.id) }
        let manage = OrganisationPolicy.canManageMembers(c.principal, org)
        return try c.render(MembersPage(
            form: c.formView(form, inviteFields(c)), org: .init(id: org.id, name: org.name), canManage: manage,
            members: members.map { m in
                .init(userID: m.userID, name: m.name, email: m.email, role: c.t("member.role.\(m.role.rawValue)"),
                      isRepresentative: m.role == .representative, pending: !m.joined, invited: m.invited,
                      manageable: manage && m.role != .representative, canLead: manage && m.role != .representative && !m.invited)
            }), status: status)
    }

    static func showMembers(_ c: RequestContext) throws -> Response {
        try page(c, try c.record(Organisation.self), FormState())
    }

    static func inviteMember(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        var form = FormState(try c.request.form(), fields: ["name", "email"])
        AccountValidation.name(&form, "name", c)
        AccountValidation.email(&form, "email", c)
        if form.isValid, try c.services.database.read({ db in
            try UserStore.find(db, email: form["email"]).map { try MemberStore.isMemberOrInvited(db, organisationID: org.id, userID: $0.id) } ?? false
        }) {
            form.add("email", c.t("member.error.already"))
        }
        guard form.isValid else { return try page(c, org, form, status: .unprocessableContent) }
        try c.services.database.write { db in try addMember(db, c, org: org, email: form["email"], name: form["name"], role: .editor) }
        return c.redirect(to: "/organisations/\(org.id)/members", flash: "member.flash.invited")
    }

    /// Adds a person by email. Someone without an account gets one with an invitation link; someone
    /// with an account is asked first (an invitation they accept on "My organisations"), so nobody is
    /// made a member of an organisation without consent, and the organisation learns nothing of
    /// the account beyond the address it typed.
    static func addMember(_ db: Database, _ c: RequestContext, org: Organisation, email: String, name: String, role: MemberRole) throws {
        let link: String
        let userID: Int64
        let existed: Bool
        if let existing = try UserStore.find(db, email: email) {
            userID = existing.id
            existed = true
            link = "\(c.services.config.baseURL)/my/organisations"
        } else {
            userID = try UserStore.create(db, email: email, displayName: name, roles: [], now: c.now)
            existed = false
            let token = try AccountTokenStore.issue(db, purpose: .invitation, userID: userID, createdBy: c.user?.id, now: c.now)
            link = "\(c.services.config.baseURL)/invitations/\(token)"
        }
        guard try !MemberStore.isMemberOrInvited(db, organisationID: org.id, userID: userID) else {
            throw HTTPError(.conflict, message: c.t("member.error.already"))
        }
        try MemberStore.add(db, organisationID: org.id, userID: userID, role: role, now: c.now, accepted: !existed, invitedName: name)
        try Outbox.enqueue(db, to: UserStore.normalize(email), subject: c.t("mail.member.subject", [org.name]),
                           body: c.t("mail.member.body", [name, org.name, c.t("member.role.\(role.rawValue)"), link]), now: c.now)
        try Audit.record(db, c.actor, action: "organisation.member_add", recordType: "organisation", recordID: org.id,
                         after: ["member": .string(UserStore.normalize(email)), "role": .string(role.rawValue)], now: c.now)
    }

    static func loadMember(_ c: RequestContext, _ org: Organisation) throws -> MemberStore.Member {
        let userID = try c.request.parameters.require("user", as: Int64.self)
        guard let member = try c.services.database.read({ try MemberStore.members($0, organisationID: org.id) }).first(where: { $0.userID == userID }) else {
            throw HTTPError(.notFound)
        }
        return member
    }

    static func removeMember(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let member = try loadMember(c, org)
        guard member.role != .representative else { throw HTTPError(.conflict, message: c.t("member.error.removeRepresentative")) }
        try c.services.database.write { db in
            // Conditional on the member still not being the representative (a hand-over may have won).
            guard try MemberStore.remove(db, organisationID: org.id, userID: member.userID) else {
                throw HTTPError(.conflict, message: c.t("member.error.changed"))
            }
            try Audit.record(db, c.actor, action: "organisation.member_remove", recordType: "organisation", recordID: org.id,
                             before: ["member": .string(member.email), "role": .string(member.role.rawValue)], now: c.now)
        }
        return c.redirect(to: "/organisations/\(org.id)/members", flash: "member.flash.removed")
    }

    static func handOver(_ c: RequestContext) throws -> Response {
        let org = try c.record(Organisation.self)
        let member = try loadMember(c, org)
        guard member.role != .representative else { throw HTTPError(.conflict, message: c.t("member.error.alreadyRepresentative")) }
        guard !member.invited else { throw HTTPError(.conflict, message: c.t("member.error.notAccepted")) }
        try c.services.database.write { db in
            let previous = try MemberStore.members(db, organisationID: org.id).first { $0.role == .representative }
            // Checked inside the write: a member removed a moment ago cannot be handed the role.
            guard try MemberStore.handOver(db, organisationID: org.id, to: member.userID) else {
                throw HTTPError(.conflict, message: c.t("member.error.changed"))
            }
            try Audit.record(db, c.actor, action: "organisation.representative_change", recordType: "organisation", recordID: org.id,
                             before: ["representative": AuditValue(previous?.email)], after: ["representative": .string(member.email)], now: c.now)
        }
        return c.redirect(to: "/organisations/\(org.id)/members", flash: "member.flash.handedOver")
    }

    static func listMine(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let current = c.currentOrganisationID
        let (mine, invitations) = try c.services.database.read {
            (try MemberStore.organisations($0, userID: user.id), try MemberStore.invitations($0, userID: user.id))
        }
        return try c.render(MyOrganisationsPage(
            invitations: invitations.map { .init(id: $0.id, name: $0.name, status: "", role: c.t("member.role.\($0.role.rawValue)"),
                                                 current: false) },
            organisations: mine.map { .init(id: $0.id, name: $0.name, status: c.t($0.status.messageKey),
                                            role: c.t("member.role.\($0.role.rawValue)"), current: $0.id == current) }))
    }

    static func selectOrganisation(_ c: RequestContext) throws -> Response {
        let id = try c.record(Organisation.self).id
        guard let session = c.session else { throw HTTPError(.notFound) }
        try c.services.database.write { try SessionStore.setCurrentOrganisation($0, tokenHash: session.tokenHash, organisationID: id) }
        return c.redirect(to: "/my/organisations", flash: "member.flash.switched")
    }

    static func acceptInvitation(_ c: RequestContext) throws -> Response { try answerInvitation(c, accept: true) }
    static func declineInvitation(_ c: RequestContext) throws -> Response { try answerInvitation(c, accept: false) }

    /// Only the invited person answers; no open invitation is a 404.
    static func answerInvitation(_ c: RequestContext, accept: Bool) throws -> Response {
        let id = try c.request.parameters.require("id", as: Int64.self)
        let user = try c.requireUser()
        try c.services.database.write { db in
            guard try MemberStore.answer(db, organisationID: id, userID: user.id, accept: accept) else { throw HTTPError(.notFound) }
            try Audit.record(db, c.actor, action: accept ? "organisation.member_accept" : "organisation.member_decline",
                             recordType: "organisation", recordID: id, after: ["member": .string(user.email)], now: c.now)
        }
        return c.redirect(to: "/my/organisations", flash: accept ? "member.flash.accepted" : "member.flash.declined")
    }
}
