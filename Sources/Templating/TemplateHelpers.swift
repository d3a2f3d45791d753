import Foundation

/// What a helper may know about the render in progress.
public struct HelperContext: Sendable {
    public let locale: String
    let catalog: MessageCatalog

    public func translate(_ key: String, _ arguments: [String] = []) -> String? { catalog.text(key, arguments) }
}

/// `{{name arg…}}`: arguments arrive resolved (literals as strings, paths as their values).
public typealias TemplateHelper = @Sendable ([TemplateValue], HelperContext) throws -> String

struct HelperFailure: Error { let message: String }

/// The formatting helpers every page uses: message lookup, dates in Asia/Tokyo (和暦 in
/// Japanese), fiscal years, yen.
enum BuiltinHelpers {
    static let all: [String: TemplateHelper] = [
        "t": { args, ctx in
            guard let key = args.first?.text, !key.isEmpty else { throw HelperFailure(message: "t needs a key") }
            guard let text = ctx.translate(key, args.dropFirst().map(\.text)) else {
                throw HelperFailure(message: "unknown message key \(key) for locale \(ctx.locale)")
            }
            return text
        },
        "date": { args, ctx in
            guard let day = try day(args) else { return "" }
            return ctx.locale == "ja" ? JapaneseCalendar.japaneseDate(day) : JapaneseCalendar.englishDate(day)
        },
        "datetime": { args, ctx in
            guard let day = try day(args) else { return "" }
            let time = String(format: "%d:%02d", day.hour, day.minute)
            return ctx.locale == "ja" ? "\(JapaneseCalendar.japaneseDate(day)) \(time)" : "\(JapaneseCalendar.englishDate(day)), \(time)"
        },
        "fiscalYear": { args, ctx in
            let year: Int
            if case .int(let y)? = args.first { year = y } else if let day = try day(args) { year = JapaneseCalendar.fiscalYear(of: day) } else { return "" }
            return ctx.locale == "ja" ? JapaneseCalendar.japaneseFiscalYear(year) : JapaneseCalendar.englishFiscalYear(year)
        },
        "yen": { args, _ in
            guard case .int(let amount)? = args.first else { return "" }
            return NumberFormat.yen(amount)
        },
        "number": { args, _ in
            guard case .int(let n)? = args.first else { return "" }
            return NumberFormat.grouped(n)
        },
    ]

    /// A `.date`, an ISO timestamp (shown in Tokyo time), or a `YYYY-MM-DD` calendar date (as is).
    static func day(_ args: [TemplateValue]) throws -> JapaneseCalendar.Day? {
        switch args.first {
        case .date(let d)?: return JapaneseCalendar.tokyo(d)
        case .string(let s)? where s.isEmpty: return nil
        case .string(let s)?:
            let parts = s.prefix(10).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { throw HelperFailure(message: "not a date: \(s)") }
            if s.count == 10 { return JapaneseCalendar.Day(year: parts[0], month: parts[1], day: parts[2]) }
            guard let date = parseTimestamp(s) else { throw HelperFailure(message: "not a timestamp: \(s)") }
            return JapaneseCalendar.tokyo(date)
        case .null?, nil: return nil
        default: throw HelperFailure(message: "not a date")
        }
    }

    private static func parseTimestamp(_ s: String) -> Date? {
        let digits = s.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        guard digits.count >= 6 else { return nil }
        var t = tm()
        t.tm_year = Int32(digits[0] - 1900); t.tm_mon = Int32(digits[1] - 1); t.tm_mday = Int32(digits[2])
        t.tm_hour = Int32(digits[3]); t.tm_min = Int32(digits[4]); t.tm_sec = Int32(digits[5])
        return Date(timeIntervalSince1970: Double(timegm(&t)))
    }
}
