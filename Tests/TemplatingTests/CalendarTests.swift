import Foundation
import Templating
import Testing

@Suite struct CalendarTests {
    typealias Day = JapaneseCalendar.Day

    @Test func era_changesFromHeiseiToReiwaOn1May2019() {
        #expect(JapaneseCalendar.japaneseDate(Day(year: 2019, month: 4, day: 30)) == "平成31年4月30日")
        #expect(JapaneseCalendar.japaneseDate(Day(year: 2019, month: 5, day: 1)) == "令和元年5月1日")
        #expect(JapaneseCalendar.japaneseDate(Day(year: 2025, month: 4, day: 1)) == "令和7年4月1日")
        #expect(JapaneseCalendar.japaneseDate(Day(year: 1989, month: 1, day: 7)) == "昭和64年1月7日")
        #expect(JapaneseCalendar.japaneseDate(Day(year: 1989, month: 1, day: 8)) == "平成元年1月8日")
    }

    @Test func englishDate() {
        #expect(JapaneseCalendar.englishDate(Day(year: 2025, month: 4, day: 1)) == "1 April 2025")
    }

    @Test func fiscalYear_edgesAre31MarchAnd1April() {
        #expect(JapaneseCalendar.fiscalYear(of: Day(year: 2026, month: 3, day: 31)) == 2025)
        #expect(JapaneseCalendar.fiscalYear(of: Day(year: 2026, month: 4, day: 1)) == 2026)
        #expect(JapaneseCalendar.fiscalYear(of: Day(year: 2025, month: 1, day: 1)) == 2024)
    }

    @Test func fiscalYearNames() {
        #expect(JapaneseCalendar.japaneseFiscalYear(2025) == "令和7年度")
        #expect(JapaneseCalendar.japaneseFiscalYear(2019) == "令和元年度")
        #expect(JapaneseCalendar.japaneseFiscalYear(2018) == "平成30年度")
        #expect(JapaneseCalendar.japaneseFiscalYear(1988) == "昭和63年度")
        #expect(JapaneseCalendar.englishFiscalYear(2025) == "FY2025")
    }

    @Test func tokyoTime_isUTCPlusNine_acrossMidnight() {
        // 2026-03-31T15:00Z is already 1 April in Tokyo: a new fiscal year.
        let day = JapaneseCalendar.tokyo(Date(timeIntervalSince1970: 1_774_969_200))
        #expect(day == Day(year: 2026, month: 4, day: 1, hour: 0, minute: 0))
        #expect(JapaneseCalendar.fiscalYear(of: day) == 2026)
        #expect(JapaneseCalendar.startOfDay(Day(year: 2026, month: 4, day: 1)) == Date(timeIntervalSince1970: 1_774_969_200))
    }

    @Test func yen_groupsThousands() {
        #expect(NumberFormat.yen(1_234_567) == "¥1,234,567")
        #expect(NumberFormat.yen(0) == "¥0")
        #expect(NumberFormat.yen(999) == "¥999")
        #expect(NumberFormat.yen(1000) == "¥1,000")
        #expect(NumberFormat.yen(-50_000) == "-¥50,000")
    }
}
