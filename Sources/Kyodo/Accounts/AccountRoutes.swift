import HTTP

/// A signed-in person's own account: profile (name, email, language) and password.
enum AccountRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/account", .signedIn, showAccount)
        routes.post("/account", .signedIn, updateAccount)
        routes.get("/account/email/:token", .anyone, showEmailChange)
        routes.post("/account/email/:token", .anyone, confirmEmailChange)
        routes.get("/account/password", .signedIn, showPasswordForm)
        routes.post("/account/password", .signedIn, changePassword)
    }

    static func profileFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("displayName", label: c.t("account.displayName"), required: true, autocomplete: "name"),
         FieldView("email", label: c.t("account.email"), kind: .input(type: "email"), required: true, autocomplete: "email"),
         FieldView("locale", label: c.t("account.locale"), kind: .select([("ja", "日本語"), ("en", "English")]), required: true),
         FieldView("mailPreference", label: c.t("account.mailPreference"),
                   kind: .select(NotificationMailer.Preference.allCases.map { ($0.rawValue, c.t("account.mailPreference.\($0.rawValue)")) }),
                   required: true, hint: c.t("account.mailPreferenceHint")),
         FieldView("currentPassword", label: c.t("account.currentPassword"), kind: .input(type: "password"),
                   autocomplete: "current-password", hint: c.t("account.currentPasswordForEmail"))]
    }

    static func showAccount(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        var form = FormState()
        let preference = try c.services.database.read { try MailQueueStore.preference($0, userID: user.id) }
        form.values = ["displayName": user.displayName, "email": user.email, "locale": user.preferredLocale,
                       "mailPreference": preference]
        return try profilePage(c, form, user: user)
    }

    static func profilePage(_ c: RequestContext, _ form: FormState, user: User, status: HTTPStatus = .ok) throws -> Response {
        try c.render(AccountPage(form: c.formView(form, profileFields(c)), roles: user.roles.sorted().map { c.t($0.messageKey) },
                                 department: user.department), status: status)
    }

    static func updateAccount(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let data = try c.request.form()
        var form = FormState(data, fields: ["displayName", "email", "locale", "mailPreference"])
        // A form without the choice (from before it existed) keeps the current one.
        if form["mailPreference"].isEmpty {
            form.values["mailPreference"] = try c.services.database.read { try MailQueueStore.preference($0, userID: user.id) }
        }
        if NotificationMailer.Preference(rawValue: form["mailPreference"]) == nil {
            form.add("mailPreference", c.t("account.error.mailPreference"))
        }
        AccountValidation.name(&form, "displayName", c)
        AccountValidation.email(&form, "email", c)
        if !Locale.supported.contains(form["locale"]) { form.add("locale", c.t("account.error.locale")) }
        let email = UserStore.normalize(form["email"])
        if form.isValid, email != user.email, try c.services.database.read({ try UserStore.find($0, email: email) }) != nil {
            form.add("email", c.t("account.error.emailTaken"))
        }
        // A new address is where password resets go: changing it needs the current password, so a
        // session left open on a shared computer cannot take the account over.
        if form.isValid, email != user.email {
            if let refusal = try checkCurrentPassword(c, user: user, typed: data["currentPassword"] ?? "") {
                form.add("currentPassword", refusal)
            }
        }
        guard form.isValid else { return try profilePage(c, form, user: user, status: .unprocessableContent) }
        // A new address takes effect from the link sent to it; the old one is told of the request.
        let changing = email != user.email
        try c.services.database.write { db in
            let preference = try MailQueueStore.preference(db, userID: user.id)
            if changing {
                let token = try EmailChangeStore.issue(db, userID: user.id, newEmail: email, now: c.now)
                try Outbox.enqueue(db, to: email, subject: c.t("mail.emailChange.subject"),
                                   body: c.t("mail.emailChange.body", [form["displayName"], c.services.config.baseURL + "/account/email/" + token]),
                                   now: c.now)
                try Outbox.enqueue(db, to: user.email, subject: c.t("mail.emailChangeNotice.subject"),
                                   body: c.t("mail.emailChangeNotice.body", [user.displayName, email]), now: c.now)
            }
            try UserStore.updateProfile(db, userID: user.id, displayName: form["displayName"], email: user.email,
                                        locale: form["locale"], department: user.department, now: c.now)
            try MailQueueStore.setPreference(db, userID: user.id, form["mailPreference"])
            try Audit.record(db, c.actor, action: "user.update_profile", recordType: "user", recordID: user.id,
                             before: ["display_name": .string(user.displayName), "email": .string(user.email),
                                      "preferred_locale": .string(user.preferredLocale), "mail_preference": .string(preference)],
                             after: ["display_name": .string(form["displayName"]), "email": .string(user.email),
                                     "preferred_locale": .string(form["locale"]), "mail_preference": .string(form["mailPreference"])],
                             now: c.now)
        }
        c.cookies.append(Locale.cookie(form["locale"], secure: c.services.config.secureCookies))
        return c.redirect(to: "/account", flash: changing ? "account.flash.emailLinkSent" : "account.flash.profileSaved")
    }

    /// The link from the mail: a page that says which address will be used, and a button (a GET
    /// changes nothing, so a mail scanner following the link does not confirm it).
    static func showEmailChange(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        guard let pending = try c.services.database.read({ try EmailChangeStore.pending($0, token: token, now: c.now) }) else {
            return try c.render(LinkInvalidPage(), status: .notFound)
        }
        return try c.render(EmailChangePage(email: pending.email, action: "/account/email/" + token))
    }

    static func confirmEmailChange(_ c: RequestContext) throws -> Response {
        let token = try c.request.parameters.require("token", as: String.self)
        let changed = try c.services.database.write { db -> Bool in
            guard let pending = try EmailChangeStore.pending(db, token: token, now: c.now),
                  try EmailChangeStore.consume(db, token: token, now: c.now) else { return false }
            // Someone may have taken the address meanwhile: the unique index refuses it (409).
            try EmailChangeStore.setEmail(db, userID: pending.userID, email: pending.email, now: c.now)
            try Audit.record(db, c.actor, action: "user.change_email", recordType: "user", recordID: pending.userID,
                             after: ["email": .string(pending.email)], now: c.now)
            return true
        }
        guard changed else { return try c.render(LinkInvalidPage(), status: .notFound) }
        return c.redirect(to: c.user == nil ? "/login" : "/account", flash: "account.flash.emailChanged")
    }

    static func passwordFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("current", label: c.t("account.currentPassword"), kind: .input(type: "password"), required: true, autocomplete: "current-password"),
         FieldView("password", label: c.t("account.newPassword"), kind: .input(type: "password"), required: true, autocomplete: "new-password",
                   hint: c.t("account.passwordHint")),
         FieldView("confirm", label: c.t("account.confirmPassword"), kind: .input(type: "password"), required: true, autocomplete: "new-password")]
    }

    static func showPasswordForm(_ c: RequestContext) throws -> Response {
        try c.render(FormPage(template: "accounts/password", form: c.formView(FormState(), passwordFields(c))))
    }

    static func changePassword(_ c: RequestContext) throws -> Response {
        let user = try c.requireUser()
        let submitted = try c.request.form()
        var form = FormState()
        let new = submitted["password"] ?? ""
        if let refusal = try checkCurrentPassword(c, user: user, typed: submitted["current"] ?? "") { form.add("current", refusal) }
        AccountValidation.newPassword(&form, new, confirm: submitted["confirm"] ?? "", c)
        guard form.isValid else {
            return try c.render(FormPage(template: "accounts/password", form: c.formView(form, passwordFields(c))), status: .unprocessableContent)
        }
        let hash = c.services.passwords.hash(new)
        let token = try c.services.database.write { db -> String in
            try UserStore.setPassword(db, userID: user.id, hash: hash, now: c.now)
            // Sign out everywhere, including this browser's old session id, then start afresh here.
            try SessionStore.deleteAll(db, userID: user.id)
            try Audit.record(db, c.actor, action: "user.password_change", recordType: "user", recordID: user.id, now: c.now)
            return try SessionStore.create(db, userID: user.id, clientAddress: c.clientAddress, now: c.now).token
        }
        c.setSessionCookie(token)
        return c.redirect(to: "/account", flash: "account.flash.passwordChanged")
    }
}

extension AccountRoutes {
    /// Checks the signed-in user's current password, counted like sign-in attempts (so the password
    /// and e-mail forms cannot be used to guess it): nil when right, else the message to show.
    static func checkCurrentPassword(_ c: RequestContext, user: User, typed: String) throws -> String? {
        let reservation = try c.services.database.write {
            try SignInThrottle.reserve($0, email: user.email, address: c.clientAddress, now: c.now)
        }
        guard let attempt = reservation.attempt else {
            return c.t("account.error.locked", [SignInRoutes.timeText(reservation.lockedUntil ?? c.now, c)])
        }
        let stored = try c.services.database.read { try UserStore.passwordHash($0, userID: user.id) }
        guard c.services.passwords.verify(typed, against: stored).matches else { return c.t("account.error.currentPassword") }
        try c.services.database.write { try SignInThrottle.recordSuccess($0, attempt: attempt, now: c.now) }
        return nil
    }
}

/// Field rules shared by the account forms.
enum AccountValidation {
    static func name(_ form: inout FormState, _ field: String, _ c: RequestContext) {
        let value = form[field]
        if value.isEmpty { form.add(field, c.t("account.error.nameRequired")) }
        else if value.count > 100 { form.add(field, c.t("account.error.nameTooLong")) }
    }

    /// A plausible address: something@domain.tld, no spaces; the real check is the mail arriving.
    static func email(_ form: inout FormState, _ field: String, _ c: RequestContext) {
        let value = form[field]
        if value.isEmpty { form.add(field, c.t("account.error.emailRequired")) }
        else if !Normalize.isEmail(value) { form.add(field, c.t("account.error.emailInvalid")) }
    }

    static func newPassword(_ form: inout FormState, _ password: String, confirm: String, _ c: RequestContext) {
        if let problem = c.services.passwords.problem(with: password) {
            form.add("password", c.t("account.error.\(problem)", [String(PasswordService.minimumLength)]))
        } else if password != confirm {
            form.add("confirm", c.t("account.error.confirmMismatch"))
        }
    }
}
