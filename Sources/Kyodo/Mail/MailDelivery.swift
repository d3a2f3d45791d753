import Foundation
import HTTP
import SMTP

/// Hands the outbox to the SMTP server. Each run leases what is due, sends it over one
/// connection and records the result per message: sent; tried again later with growing waits
/// (1 minute doubling to an hour) while the server is down or answers 4xx; failed on a 5xx for
/// that message, or after three days of trying. Nothing is deleted here: a failed mail stays on
/// /admin/mail until someone sends it again.
enum MailDelivery {
    struct Result: Equatable {
        var sent = 0
        var failed = 0
    }

    /// Gives up on a message that could not be sent for this long.
    static let giveUpAfter: Double = 3 * 86_400

    static func wait(afterAttempt attempts: Int) -> Double {
        min(60 * Double(1 << min(max(attempts - 1, 0), 6)), 3600)
    }

    @discardableResult
    static func run(_ services: AppServices, now: Date, limit: Int = 100) throws -> Result {
        guard let endpoint = services.config.smtp else { return Result() }
        let from = services.config.mailFrom
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        let pending = try services.database.write {
            try Outbox.lease($0, now: now, limit: limit, lease: 600, domain: domain)
        }
        guard !pending.isEmpty else { return Result() }
        var outcome: [(Int64, SMTPError?)] = []
        do {
            let session = try SMTPSession(
                endpoint, heloName: domain, caFile: services.config.smtpCAFile,
                timeout: services.config.smtpTimeout)
            defer { session.quit() }
            let fromName = services.templates.catalog("ja")?.text("mail.fromName") ?? ""
            for message in pending {
                do {
                    try session.send(
                        MailMessage(
                            fromAddress: from, fromName: fromName, to: message.to, subject: message.subject,
                            body: message.body, messageID: message.messageID, date: now))
                    outcome.append((message.id, nil))
                } catch let error as SMTPError {
                    outcome.append((message.id, error))
                    // A broken connection fails the rest the same way; they are retried together.
                    if error.kind == .transient { break }
                }
            }
            for message in pending.dropFirst(outcome.count) {
                outcome.append(
                    (message.id, SMTPError(.transient, "not tried: the connection failed on an earlier message")))
            }
        } catch let error as SMTPError {
            Log.error("mail: \(endpoint.redacted): \(error)")
            outcome = pending.map { ($0.id, error) }
        }
        let byID = Dictionary(pending.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return try services.database.write { db -> Result in
            var result = Result()
            for (id, error) in outcome {
                guard let error else {
                    try Outbox.markSent(db, id: id, now: now)
                    result.sent += 1
                    continue
                }
                let attempts = (byID[id]?.attempts ?? 0) + 1
                let age = now.timeIntervalSince(byID[id]?.createdAt ?? now)
                let next =
                    error.kind == .permanent || age > giveUpAfter
                    ? nil : now.addingTimeInterval(wait(afterAttempt: attempts))
                try Outbox.markAttempt(db, id: id, error: error.description, next: next, now: now)
                if next == nil { result.failed += 1 }
            }
            return result
        }
    }
}
