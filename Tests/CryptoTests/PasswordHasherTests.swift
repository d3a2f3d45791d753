import Crypto
import Foundation
import Testing

@Suite struct PasswordHasherTests {
    @Test func roundTrip_acceptsTheRightPasswordOnly() {
        let hasher = PasswordHasher(iterations: 1_000)
        let stored = hasher.hash("正しい馬バッテリーホチキス")
        #expect(stored.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(hasher.verify("正しい馬バッテリーホチキス", against: stored).matches)
        #expect(!hasher.verify("正しい馬バッテリーホチキズ", against: stored).matches)
        #expect(!hasher.verify("", against: stored).matches)
    }

    @Test func samePassword_getsDifferentSalts() {
        let hasher = PasswordHasher(iterations: 1_000)
        #expect(hasher.hash("correct horse") != hasher.hash("correct horse"))
    }

    @Test func weakerStoredHash_matches_andAsksForRehash() {
        let old = PasswordHasher(iterations: 1_000).hash("correct horse battery")
        let current = PasswordHasher(iterations: 2_000)
        let result = current.verify("correct horse battery", against: old)
        #expect(result.matches && result.needsRehash)
        #expect(!current.verify("correct horse battery", against: current.hash("correct horse battery")).needsRehash)
        #expect(!current.verify("wrong", against: old).needsRehash)
    }

    @Test func malformedStoredHash_neverMatches() {
        let hasher = PasswordHasher(iterations: 1_000)
        for stored in ["", "plain", "pbkdf2-sha256$0$AA==$AA==", "md5$1$AA==$AA==", "pbkdf2-sha256$10$!!$AA=="] {
            #expect(!hasher.verify("x", against: stored).matches, "\(stored)")
        }
    }

    /// RFC 7914 §11 test vector for PBKDF2-HMAC-SHA256 (P="passwd", S="salt", c=1, dkLen=64).
    @Test func matchesRFC7914Vector() {
        let stored = "pbkdf2-sha256$1$\(Data("salt".utf8).base64EncodedString())$" + Data(hex:
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783").base64EncodedString()
        #expect(PasswordHasher(iterations: 1).verify("passwd", against: stored).matches)
    }

    @Test func tokens_areRandomAndOnlyTheirHashIsStable() {
        let a = SecureToken.generate(), b = SecureToken.generate()
        #expect(a != b)
        #expect(a.count == 43 && !a.contains("+") && !a.contains("/") && !a.contains("="))
        #expect(SecureToken.hash(a) == SecureToken.hash(a))
        #expect(SecureToken.hash(a).count == 64)
    }

    @Test func constantTimeEquals() {
        #expect(ConstantTime.equals("abc", "abc"))
        #expect(!ConstantTime.equals("abc", "abd"))
        #expect(!ConstantTime.equals("abc", "abcd"))
    }
}

extension Data {
    init(hex: String) {
        var bytes: [UInt8] = []
        var chars = Array(hex.utf8)[...]
        while chars.count >= 2 {
            bytes.append(UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16)!)
            chars = chars.dropFirst(2)
        }
        self.init(bytes)
    }
}

@Suite struct Base64URLTests {
    @Test func matchesFoundationsBase64_withURLAlphabet_andNoPadding() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 97 &+ 251) }
            let expected = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            #expect(SecureToken.base64URL(bytes) == expected, "length \(length)")
        }
    }
}
