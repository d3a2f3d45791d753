import Foundation
import SQLite
import Templating

/// Reminders of the deadlines on everyone's dashboard: a week before, the day before, and once
/// overdue — each once per person, deadline and step (recorded in the same transaction), as an
/// in-app notification, mailed by the person's choice (see `NotificationMailer`). Runs from the scheduler at most
/// hourly; running it more often or after a restart sends nothing twice.
enum ReminderJob {
    enum Step: String {
        case week, day, overdue
    }

    /// Which step a deadline is at today, if any.
    static func step(due: String, today: String) -> Step? {
        guard let d = DateInput.parse(due), let t = DateInput.parse(today) else { return nil }
        let days = Int((JapaneseCalendar.startOfDay(d).timeIntervalSince(JapaneseCalendar.startOfDay(t)) / 86_400).rounded())
        if days < 0 { return .overdue }
        if days <= 1 { return .day }
        if days <= 7 { return .week }
        return nil
    }

    /// Sends what is due now; returns how many reminders were sent.
    @discardableResult
    static func run(_ services: AppServices, now: Date) throws -> Int {
        let today = DateInput.format(JapaneseCalendar.tokyo(now))
        return try services.database.write { db -> Int in
            var sent = 0
            let office = try AttentionStore.office(db, today: today)
            for person in try ReminderStore.people(db) {
                var items: [AttentionStore.Item] = []
                if person.office { items += office }
                if let department = person.departmentID { items += try AttentionStore.department(db, departmentID: department, today: today) }
                if let member = person.councilMemberID { items += try AttentionStore.council(db, memberID: member) }
                if person.organisationMember { items += try AttentionStore.organisations(db, userID: person.id, today: today) }
                let catalog = services.templates.catalog(person.locale)
                for item in items {
                    guard let due = item.due, let step = step(due: due, today: today),
                          try ReminderStore.record(db, userID: person.id, item: item.kind + " " + item.href, dueOn: due, step: step.rawValue, now: now)
                    else { continue }
                    let what = catalog?.text(item.kind) ?? item.kind
                    let date = services.templates.format("date", .string(due), locale: person.locale)
                    // The mail (at once, in the day's digest or not at all) follows from the notification.
                    try NotificationStore.notify(db, users: [person.id], kind: "reminder.\(step.rawValue)", title: "\(what)：\(item.title)",
                                                 detail: catalog?.text("reminder.detail", [date]) ?? due, href: item.href, now: now)
                    sent += 1
                }
            }
            return sent
        }
    }
}
