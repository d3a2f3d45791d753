import Foundation
import Testing
@testable import Kyodo

/// Walks the whole route table and, for every route and every kind of user, checks over HTTP
/// that the route lets in exactly who it should. A route missing from `expectations` fails.
@Suite struct AuthorizationMatrixTests {
    enum Persona: String, CaseIterable {
        case anonymous, admin, staff, department, council
    }

    static let everyone = Set(Persona.allCases)
    static let signedIn = everyone.subtracting([.anonymous])
    static let admins: Set<Persona> = [.admin]
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
    ]

    @Test func everyRoute_hasAnExpectation() throws {
        let app = try TestApp()
        for entry in app.app.routeTable.entries {
            #expect(Self.expectations["\(entry.method) \(entry.path)"] != nil, "route \(entry.method) \(entry.path) has no authorization expectation")
        }
    }

    @Test func everyRoute_letsInExactlyTheExpectedPersonas() throws {
        let app = try TestApp()
        let target = try app.createUser("target@example.jp", roles: [.staff])
        let roles: [Persona: Set<Role>] = [.admin: [.admin], .staff: [.staff], .department: [.department], .council: [.council]]
        for (persona, set) in roles { try app.createUser("\(persona.rawValue)@example.jp", roles: set, department: persona == .department ? "公園緑地課" : nil) }
        for entry in app.app.routeTable.entries {
            let key = "\(entry.method) \(entry.path)"
            guard let allowed = Self.expectations[key] else { continue }
            let path = entry.path.replacingOccurrences(of: ":id", with: String(target))
                .replacingOccurrences(of: ":token", with: "no-such-token").replacingOccurrences(of: "*path", with: "css/site.css")
            for persona in Persona.allCases {
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
                let denied = response.status == 403 || location.hasPrefix("/login") ||
                    (response.status == 404 && entry.access == .development)
                if allowed.contains(persona) {
                    #expect(!denied, "\(persona) should be allowed \(key) but got \(response.status) \(location)")
                    #expect(response.status < 500, "\(persona) \(key) failed with \(response.status)")
                } else {
                    #expect(denied, "\(persona) should be denied \(key) but got \(response.status) \(location)")
                }
            }
        }
    }
}
