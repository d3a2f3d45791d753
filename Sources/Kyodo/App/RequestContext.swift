import Crypto
import Foundation
import HTTP
import Templating

/// What a handler works with: the request, the services, and who is asking — locale, signed-in
/// user with roles and memberships, CSRF token, and a one-time flash message.
public final class RequestContext {
    public let request: Request
    public let services: AppServices
    public let locale: String
    public let now: Date
    public private(set) var principal: Principal = .anonymous
    /// The session behind the request, when signed in.
    public private(set) var session: SessionStore.Active?
    /// Cookies to add to whatever response the handler returns.
    var cookies: [SetCookie] = []
    /// A message key carried over from the previous request (e.g. after a redirect).
    let flash: String?
    /// Set by the route's `RecordRule` before the handler runs.
    var loadedRecord: (any Sendable)?

    static let sessionCookie = "kyodo_session"
    static let anonymousCSRFCookie = "kyodo_csrf"
    static let flashCookie = "kyodo_flash"

    /// `authenticate: false` for routes that never look at who is asking (static files, the health
    /// check): they skip the session lookup, a database read per request.
    init(request: Request, services: AppServices, authenticate shouldAuthenticate: Bool = true) throws {
        self.request = request
        self.services = services
        self.now = services.now()
        self.locale = Locale.resolve(request)
        if let asked = request.query["lang"], Locale.supported.contains(asked), request.cookies[Locale.cookieName] != asked {
            cookies.append(Locale.cookie(asked, secure: services.config.secureCookies))
        }
        flash = request.cookies[Self.flashCookie].flatMap { $0.isEmpty ? nil : $0 }
        if flash != nil { cookies.append(expiredCookie(Self.flashCookie)) }
        if shouldAuthenticate { try authenticate() }
    }

    private func authenticate() throws {
        guard let token = request.cookies[Self.sessionCookie], !token.isEmpty else { return }
        let found = try services.database.read { db -> (SessionStore.Active, User, [Int64: MemberRole])? in
            guard let session = try SessionStore.find(db, token: token, now: now),
                  let user = try UserStore.find(db, id: session.userID) else { return nil }
            return (session, user, try MemberStore.memberships(db, userID: user.id))
        }
        guard let (session, user, memberships) = found else {
            // Expired or signed out elsewhere: drop the stale cookie.
            cookies.append(expiredCookie(Self.sessionCookie))
            return
        }
        self.session = session
        principal = Principal(user: user, memberships: memberships)
        if SessionStore.needsTouch(session, now: now) {
            try services.database.write { try SessionStore.touch($0, tokenHash: session.tokenHash, now: now) }
        }
    }

    /// The token forms carry in `_csrf`: the session's own when signed in; otherwise an HMAC of
    /// a random per-browser cookie, so anonymous forms (sign-in, registration) are protected too.
    public lazy var csrfToken: String = {
        if let session { return session.csrfToken }
        let seed: String
        if let existing = request.cookies[Self.anonymousCSRFCookie], existing.count >= 32 {
            seed = existing
        } else {
            seed = SecureToken.generate()
            cookies.append(SetCookie(name: Self.anonymousCSRFCookie, value: seed, secure: services.config.secureCookies))
        }
        return SecureToken.base64URL(HMACSHA256.sign(key: services.csrfKey, message: Array(("csrf:" + seed).utf8)))
    }()

    /// Throws 403 unless the submitted `_csrf` matches; runs before any handler that writes.
    func verifyCSRF() throws {
        // A body that cannot be read as a form (bad encoding, a control character) is that error (400),
        // not a missing token.
        let submitted = try request.form()["_csrf"]
        let expected: String? = if let session { session.csrfToken } else {
            request.cookies[Self.anonymousCSRFCookie].map {
                SecureToken.base64URL(HMACSHA256.sign(key: services.csrfKey, message: Array(("csrf:" + $0).utf8)))
            }
        }
        guard let submitted, let expected, ConstantTime.equals(submitted, expected) else {
            throw HTTPError(.forbidden, message: t("error.csrf"))
        }
    }

    public var user: User? { principal.user }

    /// The organisation a member acts for: the one chosen in this session, else their first.
    public var currentOrganisationID: Int64? {
        if let chosen = session?.currentOrganisationID, principal.memberships[chosen] != nil { return chosen }
        return principal.memberships.keys.min()
    }

    /// The signed-in user, or 403 — for handlers behind a signed-in route rule.
    public func requireUser() throws -> User {
        guard let user = principal.user else { throw HTTPError(.forbidden) }
        return user
    }

    /// How the audit trail records this request's actor.
    public var actor: AuditActor {
        AuditActor(userID: user?.id, label: user?.auditLabel ?? "public", requestID: request.requestID,
                   clientAddress: clientAddress)
    }

    /// Who is asking: the peer, or behind `--trusted-proxy` the address the proxy saw.
    public var clientAddress: String { ClientAddress.of(request, trusting: services.config.trustedProxies) }

    /// A message in the request's language; the key itself if missing, so a gap is visible.
    public func t(_ key: String, _ arguments: [String] = []) -> String {
        services.templates.catalog(locale)?.text(key, arguments) ?? key
    }

    /// Renders a typed page inside the layout (the layout's view is the outer frame).
    public func render<Page: PageView>(_ page: Page, status: HTTPStatus = .ok) throws -> Response {
        let html = try services.templates.renderBytes(page.template, views: [Layout.view(for: self), page], locale: locale)
        return Response(status: status, contentType: "text/html; charset=utf-8", body: html)
    }

    /// A value formatted by a template helper in the request's language (see `TemplateLibrary.format`).
    public func format(_ helper: String, _ value: TemplateValue) -> String {
        services.templates.format(helper, value, locale: locale)
    }

    /// A form's fields (each a typed widget) and errors, for a page.
    public func formView(_ form: FormState, _ fields: [FieldView]) -> FormView {
        var widgets: [String: FieldWidget] = [:]
        for field in fields { widgets[field.name] = field.widget(form) }
        return FormView(fields: widgets, errors: form.errors.map { .init(field: $0.field, message: $0.message) })
    }

    /// 303 to `location`, with an optional message key shown once on the next page.
    public func redirect(to location: String, flash key: String? = nil) -> Response {
        if let key { cookies.append(SetCookie(name: Self.flashCookie, value: key, secure: services.config.secureCookies)) }
        return .redirect(to: location)
    }

    func setSessionCookie(_ token: String) {
        cookies.append(SetCookie(name: Self.sessionCookie, value: token, maxAge: Int(SessionStore.absoluteLimit),
                                 secure: services.config.secureCookies))
    }

    func clearSessionCookie() { cookies.append(expiredCookie(Self.sessionCookie)) }

    private func expiredCookie(_ name: String) -> SetCookie {
        SetCookie(name: name, value: "", maxAge: 0, secure: services.config.secureCookies)
    }
}
