import HTTP

/// Forgotten passwords: a single-use link valid one hour, sent by mail. The request page answers
/// the same whether or not the address has an account.
enum PasswordResetRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/password-reset", .anyone, showRequestForm)
        routes.post("/password-reset", .anyone, requestReset)
        routes.get("/password-reset/:token", .anyone, showResetForm)
        routes.post("/password-reset/:token", .anyone, resetPassword)
    }

    static func emailField(_ c: RequestContext) -> [FieldView] {
        [FieldView("email", label: c.t("account.email"), kind: .input(type: "email"), required: true, autocomplete: "email")]
    }

    static func showRequestForm(_ c: RequestContext) throws -> Response {
        try c.render(ResetRequestPage(form: c.formView(FormState(), emailField(c)), sent: false))
    }

    static func requestReset(_ c: RequestContext) throws -> Response {
        var form = FormState(try c.request.form(), fields: ["email"])
        AccountValidation.email(&form, "email", c)
        guard form.isValid else {
            return try c.render(ResetRequestPage(form: c.formView(form, emailField(c)), sent: false),
                                status: .unprocessableContent)
        }
        try c.services.database.write { db in
            guard let user = try UserStore.find(db, email: form["email"]), user.isActive else { return }
            // Anyone can ask, so the mails one address gets are limited: three an hour. The page says
            // the same either way, so the limit reveals nothing.
            let subject = c.t("mail.reset.subject")
            guard try Outbox.recentCount(db, to: user.email, subject: subject, since: c.now.addingTimeInterval(-3600)) < 3 else { return }
            let token = try AccountTokenStore.issue(db, purpose: .passwordReset, userID: user.id, createdBy: nil, now: c.now)
            let link = "\(c.services.config.baseURL)/password-reset/\(token)"
            try Outbox.enqueue(db, to: user.email, subject: c.t("mail.reset.subject"),
                               body: c.t("mail.reset.body", [user.displayName, link]), now: c.now)
            try Audit.record(db, c.actor, action: "user.password_reset_request", recordType: "user", recordID: user.id, now: c.now)
        }
        return try c.render(ResetRequestPage(form: c.formView(FormState(), emailField(c)), sent: true))
    }

    static func passwordFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("password", label: c.t("account.newPassword"), kind: .input(type: "password"), required: true,
                   autocomplete: "new-password", hint: c.t("account.passwordHint")),
         FieldView("confirm", label: c.t("account.confirmPassword"), kind: .input(type: "password"), required: true, autocomplete: "new-password")]
    }

    static func showResetForm(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        guard try c.services.database.read({ try AccountTokenStore.userID($0, token: token, purpose: .passwordReset, now: c.now) }) != nil else {
            return try c.render(LinkInvalidPage(), status: .notFound)
        }
        return try c.render(ResetPage(form: c.formView(FormState(), passwordFields(c)), token: token))
    }

    static func resetPassword(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        let submitted = try c.request.form()
        var form = FormState()
        let password = submitted["password"] ?? ""
        AccountValidation.newPassword(&form, password, confirm: submitted["confirm"] ?? "", c)
        guard form.isValid else {
            return try c.render(ResetPage(form: c.formView(form, passwordFields(c)), token: token),
                                status: .unprocessableContent)
        }
        let hash = c.services.passwords.hash(password)
        let done = try c.services.database.write { db -> Bool in
            guard let userID = try AccountTokenStore.userID(db, token: token, purpose: .passwordReset, now: c.now),
                  try AccountTokenStore.consume(db, token: token, purpose: .passwordReset, now: c.now) else { return false }
            try UserStore.setPassword(db, userID: userID, hash: hash, now: c.now)
            try SessionStore.deleteAll(db, userID: userID)
            try Audit.record(db, c.actor, action: "user.password_reset", recordType: "user", recordID: userID, now: c.now)
            return true
        }
        guard done else { return try c.render(LinkInvalidPage(), status: .notFound) }
        return c.redirect(to: "/login", flash: "account.flash.passwordReset")
    }
}
