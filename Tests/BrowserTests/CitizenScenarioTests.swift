import Foundation
import Kyodo
import Testing

/// Scenario 4 of DOMAIN.md in a real browser, with JavaScript on and off, as a citizen with no
/// account over the demo city: browses and searches the directory, reads an organisation's record
/// of work, a call's results and published minutes, downloads open data as CSV (BOM, CRLF: what
/// Excel opens correctly) and JSON, read back with Python's `csv` and `json`, and subscribes to the
/// meeting calendar, parsed with `icalendar`.
@Suite(.serialized) struct CitizenScenarioTests {
    @Test(arguments: [true, false])
    func browseReadDownloadAndSubscribe(javascript: Bool) throws {
        try ScenarioRun.run("citizen", javascript: javascript, start: AttentionScenarioTests.startApp) { b, base, _ in
            try scenario(b, base: base)
        }
    }

    /// The href of the first link matching `prefix` on the current page.
    private func href(_ b: WebDriver, startingWith prefix: String) throws -> String {
        let source = try b.pageSource()
        guard let start = source.range(of: "href=\"" + prefix) else {
            throw WebDriver.Failure(description: "no link to \(prefix)")
        }
        return prefix + String(source[start.upperBound...].prefix { $0 != "\"" })
    }

    private func download(_ base: String, _ path: String, into directory: String) throws -> String {
        let port = Int(base.split(separator: ":").last ?? "") ?? 0
        let bytes = try JSONHTTP.send(port: port, method: "GET", path: path, body: [])
        let file = directory + "/" + (path as NSString).lastPathComponent
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    private func python(_ script: String, _ file: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, file]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func scenario(_ b: WebDriver, base: String) throws {
        let directory = NSTemporaryDirectory() + "kyodo-citizen-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // The directory, from the home page's navigation; a search by a word of the activity.
        try b.open(base + "/?lang=ja")
        #expect(try b.find(".site-tools__signin").isEmpty == false)
        try b.click("nav a[href='/organisations']")
        try b.waitFor("form[role='search'] input[name='q']")
        try b.type("input[name='q']", "子育て")
        try b.click("form[role='search'] button[type='submit']")
        try b.waitForURL(containing: "q=")
        try b.click("a[href='/organisations/1']")
        try b.waitFor("h1")
        let organisation = try b.text("main")
        #expect(organisation.contains("NPO法人 あおば子育てネットワーク"))
        // Its record of work: a published grant with its amount.
        #expect(
            organisation.contains("補助金の交付実績") && organisation.contains("子育てひろば出張事業")
                && organisation.contains("¥400,000"))

        // A call's published results, from the list of calls.
        try b.open(base + "/calls")
        try b.open(base + (try href(b, startingWith: "/calls/2")))
        try b.open(base + "/calls/2/results")
        let results = try b.text("main")
        #expect(results.contains("見守りパトロール強化事業") && results.contains("（円）"))

        // Published minutes, from the meetings page: speakers anonymised.
        try b.click("nav a[href='/council/meetings']")
        try b.waitFor("a[href='/council/meetings.ics']")
        let calendar = try href(b, startingWith: "/council/meetings.ics")
        try b.open(base + "/council/meetings/1")
        try b.click("a[href='/minutes/1']")
        try b.waitFor("dl.minutes")
        let minutes = try b.text("main")
        #expect(minutes.contains("委員A"))

        // Open data: CSV as Excel needs it, and JSON.
        try b.click("nav a[href='/open-data']")
        try b.waitFor("a[href='/open-data/organisations.csv']")
        let csv = try download(base, try href(b, startingWith: "/open-data/organisations.csv"), into: directory)
        let json = try download(base, try href(b, startingWith: "/open-data/organisations.json"), into: directory)
        let readCSV = try python(
            """
            import csv, sys
            raw = open(sys.argv[1], 'rb').read()
            print('bom', raw.startswith(b'\\xef\\xbb\\xbf'), 'crlf', b'\\r\\n' in raw and b'\\n' not in raw.replace(b'\\r\\n', b''))
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
            print('columns', '名称' in rows[0], 'rows', len(rows) - 1, 'same width', all(len(r) == len(rows[0]) for r in rows))
            """, csv)
        #expect(
            readCSV.contains("bom True crlf True") && readCSV.contains("columns True")
                && readCSV.contains("same width True"),
            "\(readCSV)")
        let readJSON = try python(
            "import json, sys; d = json.load(open(sys.argv[1])); print('records', len(d) > 0)", json)
        #expect(readJSON.contains("records True"), "\(readJSON)")

        // The meeting calendar, as a calendar application subscribing to it would read it.
        let ics = try download(base, calendar, into: directory)
        let readICS = try python(
            """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            print('events', len(cal.walk('VEVENT')) > 0)
            """, ics)
        #expect(readICS.contains("events True"), "\(readICS)")
    }
}
