import HTTP

/// Who may use a route. Every route names one; there is no default, so a new route cannot be
/// reachable by accident. Record-level questions ("may this user edit this organisation?") are
/// answered by each feature's policy, which throws 404 for records the user may not see.
public enum Access: Sendable, Equatable {
    /// Anyone, signed in or not: the public pages.
    case anyone
    /// Any signed-in user.
    case signedIn
    /// A signed-in user holding at least one of these roles.
    case roles(Set<Role>)
    /// A signed-in member (代表 or 編集) of at least one organisation.
    case organisationMember
    /// Only when the server runs with `--dev`; otherwise the route does not exist (404).
    case development
    /// A signed-in user whom the feature's policy allows on the record the route names (else 404).
    case record(RecordRule)
    /// Anyone, signed in or not, whom the feature's policy allows on the record (else 404): a
    /// published record's public page.
    case publicRecord(RecordRule)

    /// How the authorization matrix names the rule.
    /// Open to someone not signed in.
    var isAnyone: Bool {
        switch self {
        case .anyone, .publicRecord: true
        default: false
        }
    }

    public var name: String {
        switch self {
        case .anyone: "anyone"
        case .signedIn: "signedIn"
        case .roles(let roles): "roles(" + roles.map(\.rawValue).sorted().joined(separator: ",") + ")"
        case .organisationMember: "organisationMember"
        case .development: "development"
        case .record(let rule): "record(\(rule.name))"
        case .publicRecord(let rule): "publicRecord(\(rule.name))"
        }
    }

    public static func == (a: Access, b: Access) -> Bool { a.name == b.name }
}

/// Route-level authorization, applied to every route before its handler runs.
public enum Policy {
    /// Returns a redirect to the sign-in page for anonymous visitors of a protected page, throws
    /// 403 for a signed-in user without the right, or returns nil to go ahead.
    static func authorize(_ access: Access, _ context: RequestContext) throws -> Response? {
        let principal = context.principal
        switch access {
        case .anyone:
            return nil
        case .development:
            guard context.services.config.development else { throw HTTPError(.notFound) }
            return nil
        case .signedIn, .roles, .organisationMember:
            guard principal.isSignedIn else { return try signInFirst(context) }
            guard allows(access, principal) else { throw HTTPError(.forbidden) }
            return nil
        case .record(let rule):
            guard principal.isSignedIn else { return try signInFirst(context) }
            context.loadedRecord = try rule.authorize(context)
            return nil
        case .publicRecord(let rule):
            context.loadedRecord = try rule.authorize(context)
            return nil
        }
    }

    /// The pure rule, also used to build navigation.
    public static func allows(_ access: Access, _ principal: Principal) -> Bool {
        switch access {
        case .anyone, .development: true
        case .signedIn: principal.isSignedIn
        case .roles(let roles): principal.hasAny(roles)
        case .organisationMember: principal.isOrganisationMember
        case .record: principal.isSignedIn
        case .publicRecord: true
        }
    }

    /// A page needs signing in: send the browser to the sign-in form and back afterwards. A form
    /// post cannot be replayed after signing in, so it is refused instead.
    private static func signInFirst(_ context: RequestContext) throws -> Response? {
        let request = context.request
        guard request.method == "GET" || request.method == "HEAD" else { throw HTTPError(.forbidden) }
        return .redirect(to: "/login?next=" + Layout.percentEncode(request.target))
    }
}
