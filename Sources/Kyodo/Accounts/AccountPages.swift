import Foundation
import Templating

/// `accounts/login`: the sign-in form, where to go afterwards, and why the user is here.
struct SignInPage: PageView {
    static let templates = ["accounts/login"]
    var template: String { "accounts/login" }
    let form: FormView
    let next: String
    let notice: String?
    static let fields = Fields<SignInPage>(Fields.form(\.form) + [("next", .text(\.next)), ("notice", .text(\.notice))])
}

/// `accounts/reset-request`: ask for a reset link; afterwards says it was sent (whatever the address).
struct ResetRequestPage: PageView {
    static let templates = ["accounts/reset-request"]
    var template: String { "accounts/reset-request" }
    let form: FormView
    let sent: Bool
    static let fields = Fields<ResetRequestPage>(Fields.form(\.form) + [("sent", .bool(\.sent))])
}

/// `accounts/reset`: choose a new password with a link's token.
struct ResetPage: PageView {
    static let templates = ["accounts/reset"]
    var template: String { "accounts/reset" }
    let form: FormView
    let token: String
    static let fields = Fields<ResetPage>(Fields.form(\.form) + [("token", .text(\.token))])
}

/// A form with nothing else on its page: `accounts/password`, the admin's invitation form.
struct FormPage: PageView {
    static let templates = ["accounts/password", "accounts/admin-invite"]
    let template: String
    let form: FormView
    static let fields = Fields<FormPage>(Fields.form(\.form))
}

/// `accounts/link-invalid`: an expired or used link.
struct LinkInvalidPage: PageView {
    static let templates = ["accounts/link-invalid"]
    var template: String { "accounts/link-invalid" }
    static let fields = Fields<LinkInvalidPage>([:])
}

/// `accounts/invitation`: an invited person chooses a name and password.
struct InvitationPage: PageView {
    static let templates = ["accounts/invitation"]
    var template: String { "accounts/invitation" }
    let form: FormView
    let token: String
    let email: String
    let roles: [String]
    static let fields = Fields<InvitationPage>(Fields.form(\.form) + [
        ("token", .text(\.token)), ("email", .text(\.email)), ("roles", .texts(\.roles)),
    ])
}

/// `accounts/account`: one's own name, address, language, roles and department.
struct AccountPage: PageView {
    static let templates = ["accounts/account"]
    var template: String { "accounts/account" }
    let form: FormView
    let roles: [String]
    let department: String?
    static let fields = Fields<AccountPage>(Fields.form(\.form) + [("roles", .texts(\.roles)), ("department", .text(\.department))])
}

/// `accounts/admin-users`: every account, for the administrator.
struct AdminUsersPage: PageView {
    struct UserRow: TemplateView {
        let id: Int64
        let name: String
        let email: String
        let roles: String
        let active: Bool
        let invited: Bool
        static let fields = Fields<UserRow>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "email": .text(\.email), "roles": .text(\.roles),
            "active": .bool(\.active), "invited": .bool(\.invited),
        ])
    }

    static let templates = ["accounts/admin-users"]
    var template: String { "accounts/admin-users" }
    let users: [UserRow]
    static let fields = Fields<AdminUsersPage>(["users": .list(\.users), "count": .int { $0.users.count }])
}

/// `accounts/admin-user`: one account's roles, department and state, with its history.
struct AdminUserPage: PageView {
    struct Account: TemplateView {
        let id: Int64
        let name: String
        let email: String
        let invited: Bool
        let createdAt: Date
        static let fields = Fields<Account>([
            "id": .int { Int($0.id) }, "name": .text(\.name), "email": .text(\.email), "invited": .bool(\.invited),
            "createdAt": .date(\.createdAt),
        ])
    }

    static let templates = ["accounts/admin-user"]
    var template: String { "accounts/admin-user" }
    let form: FormView
    let user: Account
    /// The shared history panel.
    let history: TemplateValue
    static let fields = Fields<AdminUserPage>(Fields.form(\.form) + [("user", .view(\.user)), ("history", .value(\.history))])
}

/// `accounts/email-change`: confirming a new e-mail address from the link sent to it.
struct EmailChangePage: PageView {
    static let templates = ["accounts/email-change"]
    var template: String { "accounts/email-change" }
    let email: String
    let action: String
    static let fields = Fields<EmailChangePage>(["email": .text(\.email), "action": .text(\.action)])
}
