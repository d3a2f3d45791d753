import Crypto
import Dispatch
import Foundation

/// Hashing, checking and vetting passwords. Hashing is deliberately slow (about 180 ms), so at
/// most one hash per core runs at a time: a burst of sign-ins queues here instead of occupying
/// every worker thread.
public final class PasswordService: Sendable {
    public static let minimumLength = 10
    public let hasher: PasswordHasher
    private let gate: DispatchSemaphore
    private let common: Set<String>
    /// Verified against when the account does not exist, so the response time does not reveal it.
    private let decoy: String

    init(iterations: Int) throws {
        hasher = PasswordHasher(iterations: iterations)
        gate = DispatchSemaphore(value: max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt") else {
            throw CLIError("the common-password list is missing from the build")
        }
        common = Set(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map { $0.lowercased() })
        decoy = hasher.hash(SecureToken.generate())
    }

    public func hash(_ password: String) -> String {
        gate.wait()
        defer { gate.signal() }
        return hasher.hash(password)
    }

    /// Checks `password` against `stored`; with no stored hash it burns the same time and fails.
    public func verify(_ password: String, against stored: String?) -> PasswordHasher.Verification {
        gate.wait()
        defer { gate.signal() }
        guard let stored else {
            _ = hasher.verify(password, against: decoy)
            return PasswordHasher.Verification(matches: false, needsRehash: false)
        }
        return hasher.verify(password, against: stored)
    }

    /// The message key explaining why a new password is refused, or nil when it is acceptable.
    /// NIST SP 800-63B: a length minimum and a list of known-bad passwords, no composition rules.
    public func problem(with password: String) -> String? {
        if password.count < Self.minimumLength { return "password.tooShort" }
        if common.contains(password.lowercased()) { return "password.common" }
        return nil
    }
}
