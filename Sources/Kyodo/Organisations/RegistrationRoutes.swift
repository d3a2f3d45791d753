import HTTP
import SQLite
import Templating

/// 団体登録: a person creates their account and organisation in one form; the organisation waits
/// as 申請中 until the office verifies it. A signed-in person registers another organisation
/// without the account part; staff register paper applications at the counter.
enum RegistrationRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/organisations/new", .anyone, showRegistration)
        routes.post("/organisations", .anyone, registerOrganisation)
    }

    static func accountFields(_ c: RequestContext) -> [FieldView] {
        [FieldView("accountName", label: c.t("registration.accountName"), required: true, autocomplete: "name"),
         FieldView("accountEmail", label: c.t("registration.accountEmail"), kind: .input(type: "email"), required: true, autocomplete: "email"),
         FieldView("password", label: c.t("account.password"), kind: .input(type: "password"), required: true, autocomplete: "new-password",
                   hint: c.t("account.passwordHint")),
         FieldView("confirm", label: c.t("account.confirmPassword"), kind: .input(type: "password"), required: true, autocomplete: "new-password")]
    }

    /// Data for the registration page: the organisation fields, plus the account ones when needed.
    static func page(_ c: RequestContext, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        var all = try OrganisationForm.fields(c)
        let needsAccount = c.user == nil
        if needsAccount { all += accountFields(c) }
        return try c.render(RegistrationPage(template: "organisations/new", form: c.formView(form, all), needsAccount: needsAccount),
                            status: status)
    }

    static func showRegistration(_ c: RequestContext) throws -> Response {
        var form = FormState()
        form.lists["public"] = Array(OrganisationField.defaultPublic)
        // Most organisations are the city's own: the address starts with its prefecture and city.
        form.values["address"] = OrganisationForm.addressPrefill(c)
        return try page(c, form)
    }

    static func registerOrganisation(_ c: RequestContext) throws -> Response {
        let data = try c.request.form()
        let needsAccount = c.user == nil
        var (form, validated) = try OrganisationForm.submitted(c, into: Organisation(), extra: needsAccount ? ["accountName", "accountEmail"] : [])
        if needsAccount {
            AccountValidation.name(&form, "accountName", c)
            AccountValidation.email(&form, "accountEmail", c)
            AccountValidation.newPassword(&form, data["password"] ?? "", confirm: data["confirm"] ?? "", c)
            if form.error(for: "accountEmail") == nil, try c.services.database.read({ try UserStore.find($0, email: form["accountEmail"]) }) != nil {
                form.add("accountEmail", c.t("registration.error.emailTaken"))
            }
        }
        guard form.isValid, var org = validated else { return try page(c, form, status: .unprocessableContent) }
        org.status = .pending
        let hash = needsAccount ? c.services.passwords.hash(data["password"] ?? "") : nil
        let (orgID, session) = try c.services.database.write { db -> (Int64, String?) in
            var userID = c.user?.id
            var actor = c.actor
            if let hash {
                let id = try UserStore.create(db, email: form["accountEmail"], displayName: form["accountName"], roles: [], passwordHash: hash,
                                              locale: c.locale, now: c.now)
                userID = id
                actor = AuditActor(userID: id, label: "\(form["accountName"]) <\(UserStore.normalize(form["accountEmail"]))>",
                                   requestID: c.request.requestID, clientAddress: c.clientAddress)
                try Audit.record(db, actor, action: "user.register", recordType: "user", recordID: id,
                                 after: ["email": .string(UserStore.normalize(form["accountEmail"])), "display_name": .string(form["accountName"])], now: c.now)
            }
            let orgID = try OrganisationStore.insert(db, org, now: c.now)
            if let userID { try MemberStore.add(db, organisationID: orgID, userID: userID, role: .representative, now: c.now) }
            try Audit.record(db, actor, action: "organisation.register", recordType: "organisation", recordID: orgID,
                             after: OrganisationStore.auditFields(org).merging(["status": "pending"]) { _, n in n }, now: c.now)
            try notifyOffice(db, c, name: org.name)
            // A new account is signed in at once; someone already signed in keeps their session.
            let session = hash == nil ? nil
                : try userID.map { try SessionStore.create(db, userID: $0, clientAddress: c.clientAddress, now: c.now).token }
            return (orgID, session)
        }
        if let session { c.setSessionCookie(session) }
        return c.redirect(to: "/organisations/\(orgID)", flash: "registration.flash.submitted")
    }

    /// Tells the office a registration is waiting (mail goes to every 事務局 account).
    /// Registrations are open to anyone, so the notices they trigger are limited: at most ten an hour
    /// reach each staff member (the pending list shows every registration anyway).
    static let noticesPerHour = 10

    static func notifyOffice(_ db: Database, _ c: RequestContext, name: String) throws {
        let staff = try UserStore.all(db).filter { $0.isActive && $0.roles.contains(.staff) }
        let subject = c.t("mail.registration.subject")
        for person in staff {
            guard try Outbox.recentCount(db, to: person.email, subject: subject, since: c.now.addingTimeInterval(-3600)) < noticesPerHour
            else { continue }
            try Outbox.enqueue(db, to: person.email, subject: subject,
                               body: c.t("mail.registration.body", [name, "\(c.services.config.baseURL)/staff/organisations?status=pending"]), now: c.now)
        }
    }
}
