import Foundation
import Templating

/// The meetings as an iCalendar feed (RFC 5545): local times in Asia/Tokyo with its VTIMEZONE,
/// stable UIDs, SEQUENCE bumped on every change, cancelled meetings as STATUS:CANCELLED. Text is
/// escaped and lines folded at 75 octets, as the RFC asks.
enum ICalendar {
    struct Event {
        let uid: String
        let sequence: Int
        let start: Date
        let end: Date
        let summary: String
        let location: String
        let description: String
        let url: String
        let cancelled: Bool
        let stamp: Date
    }

    static func document(_ events: [Event], name: String) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Kyodo//Council meetings//JA", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name), "X-WR-TIMEZONE:Asia/Tokyo",
            // Japan has kept +09:00 without daylight saving since 1951.
            "BEGIN:VTIMEZONE", "TZID:Asia/Tokyo", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900", "TZNAME:JST", "END:STANDARD", "END:VTIMEZONE",
        ]
        for e in events {
            lines += [
                "BEGIN:VEVENT", "UID:" + e.uid, "SEQUENCE:\(e.sequence)", "DTSTAMP:" + utc(e.stamp),
                "DTSTART;TZID=Asia/Tokyo:" + local(e.start), "DTEND;TZID=Asia/Tokyo:" + local(e.end),
                "SUMMARY:" + escape(e.summary), "LOCATION:" + escape(e.location),
                "DESCRIPTION:" + escape(e.description), "URL:" + e.url,
                "STATUS:" + (e.cancelled ? "CANCELLED" : "CONFIRMED"), "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    static func local(_ date: Date) -> String {
        let d = JapaneseCalendar.tokyo(date)
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 60
        return String(
            format: "%04d%02d%02dT%02d%02d%02d", d.year, d.month, d.day, d.hour, d.minute,
            seconds < 0 ? seconds + 60 : seconds)
    }

    static func utc(_ date: Date) -> String {
        let d = JapaneseCalendar.tokyo(date.addingTimeInterval(-9 * 3600))
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", d.year, d.month, d.day, d.hour, d.minute, 0)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "")
    }

    /// Folds a line into pieces of at most 75 octets, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for ch in line {
            let size = String(ch).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // a continuation line starts with a space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(ch)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }
}
