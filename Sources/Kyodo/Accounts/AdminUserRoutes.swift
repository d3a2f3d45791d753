import HTTP
import SQLite
import Templating

/// 管理者: the list of accounts, inviting staff, department and council accounts, and changing
/// roles. Every change is audited; the last active admin cannot be demoted or deactivated.
enum AdminUserRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/admin/users", .roles([.admin]), listUsers)
        routes.get("/admin/users/new", .roles([.admin]), showInviteForm)
        routes.post("/admin/users", .roles([.admin]), inviteUser)
        routes.get("/admin/users/:id", .roles([.admin]), showUser)
        routes.post("/admin/users/:id", .roles([.admin]), updateUser)
        routes.post("/admin/users/:id/invitation", .roles([.admin]), resendInvitation)
    }

    /// The department a department-staff account belongs to: one of the departments the admin keeps
    /// at /admin/departments.
    static func departmentField(_ c: RequestContext) throws -> FieldView {
        let names = try c.services.database.read { try DepartmentStore.all($0) }.map(\.name)
        return FieldView("department", label: c.t("account.department"), kind: .select([("", c.t("account.noDepartment"))] + names.map { ($0, $0) }),
                         hint: c.t("account.departmentHint"))
    }

    /// The department named in the form must be one of the departments (a stale form may name one since renamed).
    static func checkDepartment(_ form: inout FormState, _ c: RequestContext) throws {
        guard !form["department"].isEmpty else { return }
        if try c.services.database.read({ try DepartmentStore.find($0, name: form["department"]) }) == nil {
            form.add("department", c.t("form.error.choice"))
        }
    }

    static func roleOptions(_ c: RequestContext) -> [(value: String, label: String)] {
        Role.allCases.map { ($0.rawValue, c.t($0.messageKey)) }
    }

    static func listUsers(_ c: RequestContext) throws -> Response {
        let users = try c.services.database.read { try UserStore.all($0) }
        return try c.render(AdminUsersPage(users: users.map { u in
            .init(id: u.id, name: u.displayName, email: u.email, roles: u.roles.sorted().map { c.t($0.messageKey) }.joined(separator: "・"),
                  active: u.isActive, invited: !u.hasPassword)
        }))
    }

    static func inviteFields(_ c: RequestContext) throws -> [FieldView] {
        [FieldView("email", label: c.t("account.email"), kind: .input(type: "email"), required: true, autocomplete: "off"),
         FieldView("displayName", label: c.t("account.displayName"), required: true),
         FieldView("roles", label: c.t("account.roles"), kind: .checkboxes(roleOptions(c)), required: true),
         try departmentField(c)]
    }

    static func showInviteForm(_ c: RequestContext) throws -> Response {
        try c.render(FormPage(template: "accounts/admin-invite", form: c.formView(FormState(), try inviteFields(c))))
    }

    static func parseRoles(_ form: inout FormState, _ c: RequestContext) -> Set<Role> {
        let roles = Set((form.lists["roles"] ?? []).compactMap(Role.init(rawValue:)))
        if roles.isEmpty { form.add("roles", c.t("account.error.rolesRequired")) }
        if roles.contains(.department) && form["department"].isEmpty { form.add("department", c.t("account.error.departmentRequired")) }
        return roles
    }

    static func inviteUser(_ c: RequestContext) throws -> Response {
        var form = FormState(try c.request.form(), fields: ["email", "displayName", "department"], lists: ["roles"])
        AccountValidation.email(&form, "email", c)
        AccountValidation.name(&form, "displayName", c)
        let roles = parseRoles(&form, c)
        try checkDepartment(&form, c)
        if form.isValid, try c.services.database.read({ try UserStore.find($0, email: form["email"]) }) != nil {
            form.add("email", c.t("account.error.emailTaken"))
        }
        guard form.isValid else { return try c.render(FormPage(template: "accounts/admin-invite", form: c.formView(form, try inviteFields(c))), status: .unprocessableContent) }
        let department = form["department"].isEmpty ? nil : form["department"]
        let id = try c.services.database.write { db -> Int64 in
            let id = try UserStore.create(db, email: form["email"], displayName: form["displayName"], roles: roles,
                                          department: department, now: c.now)
            try sendInvitation(db, c, userID: id, email: UserStore.normalize(form["email"]), name: form["displayName"])
            try Audit.record(db, c.actor, action: "user.invite", recordType: "user", recordID: id,
                             after: ["email": .string(UserStore.normalize(form["email"])), "display_name": .string(form["displayName"]),
                                     "roles": .string(rolesText(roles)), "department": AuditValue(department)], now: c.now)
            return id
        }
        return c.redirect(to: "/admin/users/\(id)", flash: "account.flash.invited")
    }

    static func sendInvitation(_ db: Database, _ c: RequestContext, userID: Int64, email: String, name: String) throws {
        let token = try AccountTokenStore.issue(db, purpose: .invitation, userID: userID, createdBy: c.user?.id, now: c.now)
        try Outbox.enqueue(db, to: email, subject: c.t("mail.invitation.subject"),
                           body: c.t("mail.invitation.body", [name, "\(c.services.config.baseURL)/invitations/\(token)"]), now: c.now)
    }

    static func loadUser(_ c: RequestContext) throws -> User {
        let id = try c.request.parameters.require("id", as: Int64.self)
        guard let user = try c.services.database.read({ try UserStore.find($0, id: id) }) else { throw HTTPError(.notFound) }
        return user
    }

    static func editFields(_ c: RequestContext) throws -> [FieldView] {
        [FieldView("roles", label: c.t("account.roles"), kind: .checkboxes(roleOptions(c))),
         try departmentField(c),
         FieldView("active", label: c.t("account.status"), kind: .select([("1", c.t("account.active")), ("0", c.t("account.inactive"))]))]
    }

    static func showUser(_ c: RequestContext) throws -> Response {
        let user = try loadUser(c)
        var form = FormState()
        form.lists["roles"] = user.roles.map(\.rawValue)
        form.values = ["department": user.department ?? "", "active": user.isActive ? "1" : "0"]
        return try userPage(c, user, form)
    }

    static func userPage(_ c: RequestContext, _ user: User, _ form: FormState, status: HTTPStatus = .ok) throws -> Response {
        let history = try c.services.database.read { try AuditStore.history($0, recordType: "user", recordID: user.id) }
        return try c.render(AdminUserPage(
            form: c.formView(form, try editFields(c)),
            user: .init(id: user.id, name: user.displayName, email: user.email, invited: !user.hasPassword, createdAt: user.createdAt),
            history: HistoryPanel.data(history, c)), status: status)
    }

    static func updateUser(_ c: RequestContext) throws -> Response {
        let user = try loadUser(c)
        var form = FormState(try c.request.form(), fields: ["department", "active"], lists: ["roles"])
        let roles = Set((form.lists["roles"] ?? []).compactMap(Role.init(rawValue:)))
        if roles.contains(.department) && form["department"].isEmpty { form.add("department", c.t("account.error.departmentRequired")) }
        let active = form["active"] != "0"
        try checkDepartment(&form, c)
        guard form.isValid else { return try userPage(c, user, form, status: .unprocessableContent) }
        let department = form["department"].isEmpty ? nil : form["department"]
        try c.services.database.write { db in
            // Keep at least one active admin, or nobody could manage accounts any more.
            if user.roles.contains(.admin) && user.isActive && (!roles.contains(.admin) || !active) {
                let admins = try UserStore.activeAdminCount(db)
                if admins <= 1 { throw HTTPError(.conflict, message: c.t("account.error.lastAdmin")) }
            }
            try UserStore.setRoles(db, userID: user.id, roles: roles)
            try UserStore.updateProfile(db, userID: user.id, displayName: user.displayName, email: user.email,
                                        locale: user.preferredLocale, department: department, now: c.now)
            try UserStore.setActive(db, userID: user.id, active: active, now: c.now)
            if !active { try SessionStore.deleteAll(db, userID: user.id) }
            try Audit.record(db, c.actor, action: "user.roles_change", recordType: "user", recordID: user.id,
                             before: ["roles": .string(rolesText(user.roles)), "department": AuditValue(user.department), "active": .bool(user.isActive)],
                             after: ["roles": .string(rolesText(roles)), "department": AuditValue(department), "active": .bool(active)], now: c.now)
        }
        return c.redirect(to: "/admin/users/\(user.id)", flash: "account.flash.saved")
    }

    static func resendInvitation(_ c: RequestContext) throws -> Response {
        let user = try loadUser(c)
        guard !user.hasPassword else { throw HTTPError(.conflict, message: c.t("account.error.alreadyAccepted")) }
        try c.services.database.write { db in
            try sendInvitation(db, c, userID: user.id, email: user.email, name: user.displayName)
            try Audit.record(db, c.actor, action: "user.invite_resend", recordType: "user", recordID: user.id, now: c.now)
        }
        return c.redirect(to: "/admin/users/\(user.id)", flash: "account.flash.invited")
    }

    static func rolesText(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: ",") }
}

