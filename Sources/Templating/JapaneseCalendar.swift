import Foundation

/// Calendar facts for Japanese public administration: Asia/Tokyo dates, the era (和暦) and the
/// fiscal year (年度, 1 April – 31 March).
public enum JapaneseCalendar {
    /// A calendar day in Asia/Tokyo.
    public struct Day: Equatable, Sendable {
        public let year: Int
        public let month: Int
        public let day: Int
        public var hour = 0
        public var minute = 0

        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0) {
            self.year = year; self.month = month; self.day = day; self.hour = hour; self.minute = minute
        }

        var ordinal: Int { year * 10_000 + month * 100 + day }
    }

    /// Japan has had no daylight saving time since 1951, so Asia/Tokyo is a fixed UTC+9; this
    /// avoids depending on the machine's tz database.
    public static func tokyo(_ date: Date) -> Day {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + 9 * 3600
        var t = tm()
        gmtime_r(&seconds, &t)
        return Day(year: Int(t.tm_year) + 1900, month: Int(t.tm_mon) + 1, day: Int(t.tm_mday),
                   hour: Int(t.tm_hour), minute: Int(t.tm_min))
    }

    /// The start of a Tokyo calendar day as an instant.
    public static func startOfDay(_ day: Day) -> Date {
        var t = tm()
        t.tm_year = Int32(day.year - 1900); t.tm_mon = Int32(day.month - 1); t.tm_mday = Int32(day.day)
        t.tm_hour = Int32(day.hour); t.tm_min = Int32(day.minute)
        return Date(timeIntervalSince1970: Double(timegm(&t) - 9 * 3600))
    }

    public struct Era: Sendable {
        public let name: String
        public let romaji: String
        let start: Day
    }

    /// Newest first. Each era starts on its first day (e.g. 令和 on 2019-05-01).
    public static let eras: [Era] = [
        Era(name: "令和", romaji: "Reiwa", start: Day(year: 2019, month: 5, day: 1)),
        Era(name: "平成", romaji: "Heisei", start: Day(year: 1989, month: 1, day: 8)),
        Era(name: "昭和", romaji: "Showa", start: Day(year: 1926, month: 12, day: 25)),
        Era(name: "大正", romaji: "Taisho", start: Day(year: 1912, month: 7, day: 30)),
        Era(name: "明治", romaji: "Meiji", start: Day(year: 1868, month: 10, day: 23)),
    ]

    public static func era(of day: Day) -> (era: Era, year: Int)? {
        guard let era = eras.first(where: { $0.start.ordinal <= day.ordinal }) else { return nil }
        return (era, day.year - era.start.year + 1)
    }

    /// 令和7年4月1日; the first year of an era is written 元年.
    public static func japaneseDate(_ day: Day) -> String {
        guard let (era, year) = era(of: day) else { return "\(day.year)年\(day.month)月\(day.day)日" }
        return "\(era.name)\(yearText(year))年\(day.month)月\(day.day)日"
    }

    /// 1 April 2025.
    public static func englishDate(_ day: Day) -> String {
        "\(day.day) \(monthNames[day.month - 1]) \(day.year)"
    }

    /// The fiscal year a day belongs to, named by the calendar year it starts in.
    public static func fiscalYear(of day: Day) -> Int { day.month >= 4 ? day.year : day.year - 1 }

    /// 令和7年度. A fiscal year takes the era in force at the end of its first calendar year,
    /// which is how FY2019 became 令和元年度 and FY1988 stayed 昭和63年度.
    public static func japaneseFiscalYear(_ fiscalYear: Int) -> String {
        guard let (era, year) = era(of: Day(year: fiscalYear, month: 12, day: 31)) else { return "\(fiscalYear)年度" }
        return "\(era.name)\(yearText(year))年度"
    }

    /// FY2025 (April 2025 – March 2026).
    public static func englishFiscalYear(_ fiscalYear: Int) -> String { "FY\(fiscalYear)" }

    private static func yearText(_ year: Int) -> String { year == 1 ? "元" : String(year) }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
}

/// Number formats used on every page.
public enum NumberFormat {
    /// ¥1,234,567 (money is always whole yen).
    public static func yen(_ amount: Int) -> String {
        (amount < 0 ? "-¥" : "¥") + grouped(abs(amount))
    }

    /// 1,234,567.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (value < 0 ? "-" : "") + out
    }
}
