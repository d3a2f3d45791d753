import Foundation

/// A value as SQLite stores it (https://sqlite.org/datatype3.html).
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that can be bound to a statement parameter.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

/// A Swift value that can be read from a column.
public protocol SQLReadable {
    init?(sqlValue: SQLValue)
}

extension Int64: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) { guard case .integer(let v) = sqlValue else { return nil }; self = v }
}

extension Int: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) { guard case .integer(let v) = sqlValue else { return nil }; self = Int(v) }
}

extension Double: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let v): self = v
        case .integer(let v): self = Double(v)
        default: return nil
        }
    }
}

extension String: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) { guard case .text(let v) = sqlValue else { return nil }; self = v }
}

extension Array: SQLBindable, SQLReadable where Element == UInt8 {
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let v): self = v
        case .text(let t): self = Array(t.utf8)
        default: return nil
        }
    }
}

extension Data: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .blob([UInt8](self)) }
    public init?(sqlValue: SQLValue) { guard let bytes = [UInt8](sqlValue: sqlValue) else { return nil }; self = Data(bytes) }
}

/// Booleans are 0/1 integers, as SQLite itself treats them.
extension Bool: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init?(sqlValue: SQLValue) { guard case .integer(let v) = sqlValue else { return nil }; self = v != 0 }
}

/// Times are stored as UTC ISO 8601 text with milliseconds, which sorts and compares as text and
/// reads well in the sqlite3 shell.
extension Date: SQLBindable, SQLReadable {
    public var sqlValue: SQLValue { .text(ISO8601.format(self)) }
    public init?(sqlValue: SQLValue) { guard case .text(let t) = sqlValue, let d = ISO8601.parse(t) else { return nil }; self = d }
}

extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

extension SQLValue: SQLBindable {
    public var sqlValue: SQLValue { self }
}

/// `2025-04-01T00:00:00.000Z` in and out, without a formatter object (those are not thread-safe
/// to share and costly to create).
public enum ISO8601 {
    public static func format(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(totalMs >= 0 ? totalMs / 1000 : (totalMs - 999) / 1000)
        let ms = Int(totalMs - Int64(seconds) * 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        func pad(_ n: Int32, _ w: Int) -> String { String(n).leftPad(w) }
        return "\(pad(t.tm_year + 1900, 4))-\(pad(t.tm_mon + 1, 2))-\(pad(t.tm_mday, 2))T" +
            "\(pad(t.tm_hour, 2)):\(pad(t.tm_min, 2)):\(pad(t.tm_sec, 2)).\(String(ms).leftPad(3))Z"
    }

    /// Accepts `YYYY-MM-DDTHH:MM:SS[.fff]Z` and `YYYY-MM-DD HH:MM:SS` (SQLite's own `datetime()`).
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 19 else { return nil }
        func num(_ r: Range<Int>) -> Int32? {
            var v: Int32 = 0
            for i in r { guard b[i] >= 48 && b[i] <= 57 else { return nil }; v = v * 10 + Int32(b[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10), let h = num(11..<13),
              let mi = num(14..<16), let s = num(17..<19) else { return nil }
        var ms: Int32 = 0
        if b.count >= 23, b[19] == UInt8(ascii: "."), let f = num(20..<23) { ms = f }
        var t = tm()
        t.tm_year = y - 1900; t.tm_mon = mo - 1; t.tm_mday = d
        t.tm_hour = h; t.tm_min = mi; t.tm_sec = s
        let seconds = timegm(&t)
        return Date(timeIntervalSince1970: Double(seconds) + Double(ms) / 1000)
    }
}

extension String {
    func leftPad(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
