import Crypto
import Foundation
import HTTP

/// A browser that has signed in to an account before carries a signed cookie naming it
/// (OWASP's "device cookie"). Guesses spread over many addresses slow down every browser without
/// one, account-wide; the owner's own browser keeps signing in at once.
enum KnownDevice {
    static let cookieName = "kyodo_device"
    static let lifetime = 365 * 24 * 3600

    static func signature(email: String, issued: String, key: [UInt8]) -> String {
        SecureToken.base64URL(HMACSHA256.sign(key: key, message: Array("device|\(email)|\(issued)".utf8)))
    }

    static func cookie(email: String, now: Date, key: [UInt8], secure: Bool) -> SetCookie {
        let issued = String(Int(now.timeIntervalSince1970))
        return SetCookie(name: cookieName, value: issued + "." + signature(email: email, issued: issued, key: key),
                         maxAge: lifetime, secure: secure)
    }

    /// Whether this request's browser signed in to `email` before (within the cookie's lifetime).
    static func isKnown(_ request: Request, email: String, key: [UInt8]) -> Bool {
        guard let value = request.cookies[cookieName], let dot = value.firstIndex(of: ".") else { return false }
        let issued = String(value[..<dot]), mac = String(value[value.index(after: dot)...])
        return ConstantTime.equals(mac, signature(email: email, issued: issued, key: key))
    }
}
