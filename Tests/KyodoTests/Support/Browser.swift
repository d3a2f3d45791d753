import Foundation
@testable import Kyodo

/// A test user agent: keeps cookies like a browser, reads the CSRF token from the last page and
/// sends forms as a browser would.
final class Browser {
    let port: Int
    var cookies: [String: String] = [:]
    private(set) var lastPage: HTTPClient.Response?

    init(port: Int) { self.port = port }

    @discardableResult
    func get(_ target: String, headers: [String: String] = [:]) throws -> HTTPClient.Response {
        let response = try HTTPClient(port: port).send("GET", target, headers: headers.merging(cookieHeader) { a, _ in a })
        remember(response)
        lastPage = response
        return response
    }

    /// Posts a form with the CSRF token of the last page fetched (or `csrf` when given).
    @discardableResult
    func post(_ target: String, _ fields: [(String, String)], csrf: String? = nil) throws -> HTTPClient.Response {
        let token = csrf ?? lastPage.flatMap(Self.csrfToken) ?? ""
        let body = ([("_csrf", token)] + fields).map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        let response = try HTTPClient(port: port).send("POST", target,
            headers: cookieHeader.merging(["Content-Type": "application/x-www-form-urlencoded"]) { a, _ in a }, body: body)
        remember(response)
        return response
    }

    /// Signs in through the real form.
    @discardableResult
    func signIn(_ email: String, _ password: String) throws -> HTTPClient.Response {
        try get("/login")
        return try post("/login", [("email", email), ("password", password)])
    }

    static func csrfToken(_ page: HTTPClient.Response) -> String? {
        guard let r = page.body.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(page.body[r.upperBound...].prefix { $0 != "\"" })
    }

    var cookieHeader: [String: String] {
        cookies.isEmpty ? [:] : ["Cookie": cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    private func remember(_ response: HTTPClient.Response) {
        for header in response.headers("Set-Cookie") {
            let pair = header.split(separator: ";")[0]
            guard let eq = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            if header.contains("Max-Age=0") || value.isEmpty { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    }
}

extension TestApp {
    /// Adds an account directly (bypassing invitations) and returns its id.
    @discardableResult
    func createUser(_ email: String, roles: Set<Role> = [], password: String = "correct-horse-battery", name: String = "テスト 利用者",
                    department: String? = nil) throws -> Int64 {
        let hash = services.passwords.hash(password)
        return try services.database.write { [services] in
            try UserStore.create($0, email: email, displayName: name, roles: roles, department: department, passwordHash: hash, now: services.now())
        }
    }

    func browser() -> Browser { Browser(port: port) }

    func count(_ sql: String, _ values: [any SQLBindableShim] = []) throws -> Int {
        try services.database.read { try $0.scalar(sql, values.map(\.bindable), as: Int.self) ?? 0 }
    }
}

import SQLite
/// Lets tests pass plain literals to `count`.
protocol SQLBindableShim { var bindable: any SQLBindable { get } }
extension String: SQLBindableShim { var bindable: any SQLBindable { self } }
extension Int64: SQLBindableShim { var bindable: any SQLBindable { self } }
extension Int: SQLBindableShim { var bindable: any SQLBindable { self } }
