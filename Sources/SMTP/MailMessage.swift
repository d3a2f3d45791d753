import Foundation
import Glibc

/// One plain-text mail as it goes over the wire (RFC 5322 with MIME): UTF-8 subjects and display
/// names as RFC 2047 encoded words, the body in base64 unless it is short-lined ASCII.
public struct MailMessage: Sendable {
    public var fromAddress: String
    public var fromName: String
    public var to: String
    public var subject: String
    public var body: String
    /// Without angle brackets; kept by the outbox so a retry carries the same id.
    public var messageID: String
    public var date: Date

    public init(
        fromAddress: String, fromName: String = "", to: String, subject: String, body: String, messageID: String,
        date: Date
    ) {
        self.fromAddress = fromAddress
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
        self.date = date
    }

    /// Header and body lines joined by CRLF, before dot-stuffing.
    public func rendered() -> String {
        var lines: [String] = []
        // An encoded name gets the address on a continuation line, so no line passes 78 characters.
        let name = fromName.isEmpty ? "" : Self.phrase(fromName)
        let from =
            name.isEmpty ? "<\(fromAddress)>" : name + (name.hasPrefix("=?") ? "\r\n <" : " <") + fromAddress + ">"
        lines.append("From: " + from)
        lines.append("To: <\(to)>")
        lines.append(Self.header("Subject", subject))
        lines.append("Date: " + Self.date(date))
        lines.append("Message-ID: <\(messageID)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: text/plain; charset=UTF-8")
        let text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let plain = text.utf8.allSatisfy { $0 < 0x80 } && text.split(separator: "\n").allSatisfy { $0.utf8.count <= 76 }
        if plain {
            lines.append("Content-Transfer-Encoding: 7bit")
            lines.append("")
            lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        } else {
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            let encoded = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).base64EncodedString()
            var start = encoded.startIndex
            while start < encoded.endIndex {
                let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(String(encoded[start..<end]))
                start = end
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `Name: value`, the value as RFC 2047 encoded words folded onto continuation lines when it
    /// is not short ASCII. Words are cut between characters, never inside one (RFC 2047 §5).
    static func header(_ name: String, _ value: String) -> String {
        let ascii = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if ascii && !value.contains("=?") && value.utf8.count + name.utf8.count + 2 <= 78 { return "\(name): \(value)" }
        return "\(name): " + encodedWords(value).joined(separator: "\r\n ")
    }

    /// A display name: plain when it is simple ASCII, quoted when it has specials, else encoded.
    static func phrase(_ value: String) -> String {
        let ascii = value.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        guard ascii, !value.contains("=?") else { return encodedWords(value).joined(separator: "\r\n ") }
        if value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " }) { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    /// `=?UTF-8?B?…?=` words of at most 42 bytes of text each (68 characters encoded).
    static func encodedWords(_ value: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in value {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 42 && !chunk.isEmpty {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes.prefix(42)
        }
        if !chunk.isEmpty || words.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// RFC 5322 date in Japan time, e.g. `Sun, 29 Nov 2026 16:42:51 +0900`, formatted by hand so
    /// no locale-dependent formatter is involved.
    static func date(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = days[Int(parts.tm_wday) % 7]
        let month = months[Int(parts.tm_mon) % 12]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day), \(parts.tm_mday) \(month) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0900"
    }

    /// The DATA payload: every line that starts with "." gets another (RFC 5321 §4.5.2), then the
    /// terminating `.` line.
    public static func dotStuffed(_ rendered: String) -> String {
        var out = ""
        for line in rendered.components(separatedBy: "\r\n").dropLast() {
            out += (line.hasPrefix(".") ? "." + line : line) + "\r\n"
        }
        return out + ".\r\n"
    }
}
