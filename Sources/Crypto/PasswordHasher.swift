import CCrypto
import Foundation

/// PBKDF2-HMAC-SHA256 password hashes in a self-describing format,
/// `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`, so the work factor can be raised
/// later and old hashes upgraded at the next sign-in.
public struct PasswordHasher: Sendable {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256; about 180 ms on this project's machines.
    public static let recommendedIterations = 600_000
    public let iterations: Int

    public init(iterations: Int = PasswordHasher.recommendedIterations) {
        self.iterations = iterations
    }

    public func hash(_ password: String) -> String {
        let salt = SecureRandom.bytes(16)
        let key = Self.derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    public struct Verification: Sendable {
        public let matches: Bool
        /// The hash is valid but weaker than today's setting: store a fresh one.
        public let needsRehash: Bool

        public init(matches: Bool, needsRehash: Bool) {
            self.matches = matches
            self.needsRehash = needsRehash
        }
    }

    public func verify(_ password: String, against stored: String) -> Verification {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              !expected.isEmpty
        else { return Verification(matches: false, needsRehash: false) }
        let actual = Self.derive(password, salt: [UInt8](salt), iterations: rounds, length: expected.count)
        let matches = ConstantTime.equals(actual, [UInt8](expected))
        return Verification(matches: matches, needsRehash: matches && rounds < iterations)
    }

    static func derive(_ password: String, salt: [UInt8], iterations: Int, length: Int = 32) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        let pw = Array(password.utf8)
        let ok = pw.withUnsafeBufferPointer { p in
            p.withMemoryRebound(to: CChar.self) { chars in
                PKCS5_PBKDF2_HMAC(chars.baseAddress, Int32(pw.count), salt, Int32(salt.count), Int32(iterations),
                                  EVP_sha256(), Int32(length), &out)
            }
        }
        precondition(ok == 1, "PKCS5_PBKDF2_HMAC failed")
        return out
    }
}

/// Comparison whose time does not depend on where the inputs differ (libcrypto's CRYPTO_memcmp).
public enum ConstantTime {
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return CRYPTO_memcmp(a, b, a.count) == 0
    }

    public static func equals(_ a: String, _ b: String) -> Bool { equals(Array(a.utf8), Array(b.utf8)) }
}

/// HMAC-SHA256 (RFC 2104) through libcrypto.
public enum HMACSHA256 {
    public static func sign(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = HMAC(EVP_sha256(), key, Int32(key.count), message, message.count, &out, &length)
        precondition(result != nil && length == 32, "HMAC failed")
        return out
    }
}

/// Random bearer tokens (session ids, invitation and reset links): 32 bytes, URL-safe base64.
/// Only their SHA-256 is stored, so a copy of the database cannot be used to sign in.
public enum SecureToken {
    public static func generate() -> String { base64URL(SecureRandom.bytes(32)) }

    public static func hash(_ token: String) -> String { Digest.sha256Hex(Array(token.utf8)) }

    /// RFC 4648 §5 base64url without padding, written directly: it runs for every anonymous
    /// page view (the CSRF token), where Foundation's string replacing showed up in profiles.
    public static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var i = 0
        while i + 2 < bytes.count {
            let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            i += 3
        }
        if i < bytes.count {
            let n = UInt32(bytes[i]) << 16 | (i + 1 < bytes.count ? UInt32(bytes[i + 1]) << 8 : 0)
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
            if i + 1 < bytes.count { out.append(alphabet[Int(n >> 6 & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
