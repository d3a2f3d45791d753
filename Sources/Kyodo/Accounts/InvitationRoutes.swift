import HTTP

/// Accepting an invitation: the invited person chooses a password (and may correct their name)
/// and is signed in.
enum InvitationRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/invitations/:token", .anyone, showInvitation)
        routes.post("/invitations/:token", .anyone, acceptInvitation)
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        [FieldView("displayName", label: c.t("account.displayName"), required: true, autocomplete: "name")]
            + PasswordResetRoutes.passwordFields(c)
    }

    static func invitedUser(_ c: RequestContext, token: String) throws -> User? {
        try c.services.database.read { db in
            try AccountTokenStore.userID(db, token: token, purpose: .invitation, now: c.now).flatMap { try UserStore.find(db, id: $0) }
        }
    }

    static func showInvitation(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        guard let user = try invitedUser(c, token: token) else { return try c.render(LinkInvalidPage(), status: .notFound) }
        var form = FormState()
        form.values["displayName"] = user.displayName
        return try page(c, form, user: user, token: token)
    }

    static func page(_ c: RequestContext, _ form: FormState, user: User, token: String, status: HTTPStatus = .ok) throws -> Response {
        try c.render(InvitationPage(form: c.formView(form, fields(c)), token: token, email: user.email,
                                    roles: user.roles.sorted().map { c.t($0.messageKey) }), status: status)
    }

    static func acceptInvitation(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        guard let user = try invitedUser(c, token: token) else { return try c.render(LinkInvalidPage(), status: .notFound) }
        let submitted = try c.request.form()
        var form = FormState(submitted, fields: ["displayName"])
        AccountValidation.name(&form, "displayName", c)
        let password = submitted["password"] ?? ""
        AccountValidation.newPassword(&form, password, confirm: submitted["confirm"] ?? "", c)
        guard form.isValid else { return try page(c, form, user: user, token: token, status: .unprocessableContent) }
        let hash = c.services.passwords.hash(password)
        let session = try c.services.database.write { db -> String? in
            guard try AccountTokenStore.consume(db, token: token, purpose: .invitation, now: c.now) else { return nil }
            try UserStore.setPassword(db, userID: user.id, hash: hash, now: c.now)
            try UserStore.updateProfile(db, userID: user.id, displayName: form["displayName"], email: user.email,
                                        locale: c.locale, department: user.department, now: c.now)
            let actor = AuditActor(userID: user.id, label: user.auditLabel, requestID: c.request.requestID, clientAddress: c.clientAddress)
            try Audit.record(db, actor, action: "user.accept_invitation", recordType: "user", recordID: user.id,
                             before: ["display_name": .string(user.displayName)], after: ["display_name": .string(form["displayName"])], now: c.now)
            return try SessionStore.create(db, userID: user.id, clientAddress: c.clientAddress, now: c.now).token
        }
        guard let session else { return try c.render(LinkInvalidPage(), status: .notFound) }
        c.setSessionCookie(session)
        return c.redirect(to: "/", flash: "account.flash.welcome")
    }
}
