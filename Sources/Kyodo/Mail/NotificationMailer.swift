import Foundation
import SQLite
import Templating

/// Turns in-app notifications into mail, by each person's choice on their account page: one mail
/// per notification at once, one digest a day (from 8:00 Japan time, of what is still unread), or
/// none. Each notification is marked handled in the same transaction as its outbox row, so a job
/// that runs twice or after a restart mails nothing twice.
enum NotificationMailer {
    enum Preference: String, CaseIterable {
        case immediate, digest, off
    }

    /// The hour (Japan time) from which the day's digest goes out.
    static let digestHour = 8

    /// Queues what is due; returns how many mails were queued.
    @discardableResult
    static func run(_ services: AppServices, now: Date) throws -> Int {
        let clock = JapaneseCalendar.tokyo(now)
        let today = JapaneseCalendar.Day(year: clock.year, month: clock.month, day: clock.day)
        let digestTime = clock.hour >= digestHour
        // Runs every few seconds: take the writer only when there is something to mail.
        guard try services.database.read({ try MailQueueStore.hasUnmailed($0) }) else { return 0 }
        return try services.database.write { db -> Int in
            var queued = 0
            let pending = try MailQueueStore.unmailed(db)
            var byUser: [Int64: [MailQueueStore.Unmailed]] = [:]
            for item in pending { byUser[item.userID, default: []].append(item) }
            for (_, items) in byUser.sorted(by: { $0.key < $1.key }) {
                guard let person = items.first else { continue }
                let catalog = services.templates.catalog(person.locale)
                func text(_ key: String, _ args: [String] = []) -> String { catalog?.text(key, args) ?? key }
                let account = services.config.baseURL + "/account"
                switch Preference(rawValue: person.preference) ?? .immediate {
                case .off:
                    try MailQueueStore.markMailed(db, ids: items.map(\.id), now: now)
                case .immediate:
                    for item in items {
                        let what = label(item.kind, catalog)
                        let subject =
                            item.kind.hasPrefix("reminder.")
                            ? text("reminder.subject.\(item.kind.dropFirst(9))", [item.title])
                            : text("mail.notification.subject", [what, item.title])
                        let body = text(
                            "mail.notification.body",
                            [
                                person.name, what, item.title, item.detail,
                                services.config.baseURL + item.href, account,
                            ])
                        try Outbox.enqueue(db, to: person.email, subject: subject, body: body, now: now)
                        queued += 1
                    }
                    try MailQueueStore.markMailed(db, ids: items.map(\.id), now: now)
                case .digest:
                    let day = DateInput.format(today)
                    guard digestTime, try MailQueueStore.recordDigest(db, userID: person.userID, day: day, now: now)
                    else { continue }
                    let unread = items.filter { !$0.read }
                    if !unread.isEmpty {
                        let lines = unread.map {
                            text(
                                "mail.digest.item",
                                [label($0.kind, catalog), $0.title, $0.detail, services.config.baseURL + $0.href])
                        }
                        try Outbox.enqueue(
                            db, to: person.email, subject: text("mail.digest.subject", [String(unread.count)]),
                            body: text(
                                "mail.digest.body",
                                [
                                    person.name, String(unread.count),
                                    lines.joined(separator: "\n"), account,
                                ]), now: now)
                        queued += 1
                    }
                    try MailQueueStore.markMailed(db, ids: items.map(\.id), now: now)
                }
            }
            return queued
        }
    }

    /// What happened, in the person's language (the same labels as the history panels).
    static func label(_ kind: String, _ catalog: MessageCatalog?) -> String {
        catalog?.text("audit.action.\(kind)") ?? kind
    }
}
