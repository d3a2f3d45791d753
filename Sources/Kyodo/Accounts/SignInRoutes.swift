import Foundation
import HTTP
import Templating

/// Signing in and out. Failed attempts are counted per account and per address; the response
/// never says whether the address has an account.
enum SignInRoutes {
    static func register(in routes: inout RouteTable) {
        routes.get("/login", .anyone, showSignIn)
        routes.post("/login", .anyone, signIn)
        routes.post("/logout", .signedIn, signOut)
    }

    static func fields(_ c: RequestContext) -> [FieldView] {
        [FieldView("email", label: c.t("account.email"), kind: .input(type: "email"), required: true, autocomplete: "email"),
         FieldView("password", label: c.t("account.password"), kind: .input(type: "password"), required: true, autocomplete: "current-password")]
    }

    static func showSignIn(_ c: RequestContext) throws -> Response {
        if c.user != nil { return c.redirect(to: safeNext(c.request.query["next"])) }
        return try page(c, FormState(), next: c.request.query["next"] ?? "")
    }

    static func page(_ c: RequestContext, _ form: FormState, next: String, status: HTTPStatus = .ok, notice: String? = nil) throws -> Response {
        try c.render(SignInPage(form: c.formView(form, fields(c)), next: next, notice: notice), status: status)
    }

    static func signIn(_ c: RequestContext) throws -> Response {
        let submitted = try c.request.form()
        var form = FormState(submitted, fields: ["email"])
        let password = submitted["password"] ?? ""
        let next = submitted["next"] ?? ""
        let email = UserStore.normalize(form["email"])
        if email.isEmpty { form.add("email", c.t("account.error.emailRequired")) }
        if password.isEmpty { form.add("password", c.t("account.error.passwordRequired")) }
        guard form.isValid else { return try page(c, form, next: next, status: .unprocessableContent) }

        let db = c.services.database
        let address = c.clientAddress
        // The attempt is counted before the (slow) password check, in one write: concurrent guesses
        // cannot all pass the check before any of them is recorded.
        let known = KnownDevice.isKnown(c.request, email: email, key: c.services.csrfKey)
        let reservation = try db.write { try SignInThrottle.reserve($0, email: email, address: address, knownDevice: known, now: c.now) }
        guard let attempt = reservation.attempt else {
            return try page(c, form, next: next, status: .tooManyRequests,
                            notice: c.t("account.error.locked", [timeText(reservation.lockedUntil ?? c.now, c)]))
        }
        let user = try db.read { try UserStore.find($0, email: email) }
        let stored = try user.flatMap { u in u.isActive ? try db.read { try UserStore.passwordHash($0, userID: u.id) } : nil }
        let verification = c.services.passwords.verify(password, against: stored)
        guard let user, verification.matches else {
            try db.write { db in
                try Audit.record(db, c.actor, action: "user.sign_in_failed", recordType: "user", recordID: user?.id,
                                 after: ["email": .string(email)], now: c.now)
            }
            return try page(c, form, next: next, status: .unprocessableContent, notice: c.t("account.error.signInFailed"))
        }
        let rehashed = verification.needsRehash ? c.services.passwords.hash(password) : nil
        let token = try db.write { db -> String in
            try SignInThrottle.recordSuccess(db, attempt: attempt, now: c.now)
            if let rehashed { try UserStore.setPassword(db, userID: user.id, hash: rehashed, now: c.now) }
            try SessionStore.deleteExpired(db, now: c.now)
            let (token, _) = try SessionStore.create(db, userID: user.id, clientAddress: address, now: c.now)
            try Audit.record(db, AuditActor(userID: user.id, label: user.auditLabel, requestID: c.request.requestID, clientAddress: address),
                             action: "user.sign_in", recordType: "user", recordID: user.id, now: c.now)
            return token
        }
        // A fresh session id at every sign-in: a cookie planted before cannot ride along.
        c.setSessionCookie(token)
        // This browser now knows the account: spread-out guessing elsewhere does not slow it.
        c.cookies.append(KnownDevice.cookie(email: email, now: c.now, key: c.services.csrfKey, secure: c.services.config.secureCookies))
        // The language chosen in the profile follows the person from browser to browser.
        c.cookies.append(Locale.cookie(user.preferredLocale, secure: c.services.config.secureCookies))
        // Without a page to return to, the first page is the work waiting for them.
        return c.redirect(to: next.isEmpty ? "/attention" : safeNext(next))
    }

    static func signOut(_ c: RequestContext) throws -> Response {
        if let session = c.session {
            try c.services.database.write { db in
                try SessionStore.delete(db, tokenHash: session.tokenHash)
                try Audit.record(db, c.actor, action: "user.sign_out", recordType: "user", recordID: session.userID, now: c.now)
            }
        }
        c.clearSessionCookie()
        return c.redirect(to: "/", flash: "account.flash.signedOut")
    }

    /// Only local paths, so the sign-in page cannot bounce people to another site. Browsers drop
    /// tabs and newlines from a URL and read `\` as `/`, so `/\t/evil` means `//evil`: any control
    /// character, space or backslash, and anything but one leading slash, sends people home instead.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.count <= 2048,
              next.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && $0 != "\\" }) else { return "/" }
        return next
    }

    static func timeText(_ date: Date, _ c: RequestContext) -> String {
        let day = JapaneseCalendar.tokyo(date)
        return String(format: "%d:%02d", day.hour, day.minute)
    }
}

