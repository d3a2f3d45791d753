import Foundation
import Testing
@testable import Kyodo

@Suite struct OpenDataTests {
    /// Runs Python on `file`; what it prints.
    static func python(_ script: String, _ file: String) throws -> String {
        try MeetingTests.run("/usr/bin/python3", ["-c", script, file])
    }

    @Test func everyDataset_parsesAsCSVandJSON_matchesItsDictionary_andKeepsNamesOut() throws {
        let app = try TestApp(seed: true)
        // A formula typed as a minutes statement is published as text, not run by Excel.
        try app.services.database.write { db in
            guard var published = try MeetingStore.published(db, meetingID: 1), !published.items.isEmpty else { return }
            published.items[0].statements.append(
                .init(id: 999, speaker: "事務局", text: "=HYPERLINK(\"http://evil.example\")"))
            try MeetingStore.publish(db, meetingID: 1, pseudonyms: [:], snapshot: published)
        }
        let index = try app.get("/open-data")
        let members = try app.services.database.read { try CouncilStore.all($0) }.map(\.name)
        for dataset in Datasets.all {
            #expect(index.body.contains("/open-data/\(dataset.name).csv"))
            let csv = try app.get("/open-data/\(dataset.name).csv")
            #expect(
                csv.status == 200 && Array(csv.body.utf8).starts(with: [0xEF, 0xBB, 0xBF]) && csv.header("ETag") != nil)
            let file = app.directory + "/\(dataset.name).csv"
            try csv.body.write(toFile: file, atomically: true, encoding: .utf8)
            let header = try Self.python(
                """
                import csv, sys
                rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline='')))
                print('|'.join(rows[0])); print(len(rows) - 1)
                bad = [c for r in rows[1:] for c in r if c and c[0] in '=+-@']
                print('BAD' if bad else 'OK')
                """, file
            ).components(separatedBy: "\n")
            #expect(header.first == dataset.columns.map(\.name).joined(separator: "|"), "\(dataset.name)")
            #expect(header.count >= 3 && header[2] == "OK", "\(dataset.name): formula cells")
            // The dictionary lists every column of the file.
            let dictionary = try app.get("/open-data/\(dataset.name)")
            for column in dataset.columns {
                #expect(dictionary.body.contains("<code>\(column.name)</code>"), "\(dataset.name): \(column.name)")
            }
            let json = try app.get("/open-data/\(dataset.name).json")
            let jsonFile = app.directory + "/\(dataset.name).json"
            try json.body.write(toFile: jsonFile, atomically: true, encoding: .utf8)
            let parsed = try Self.python(
                "import json, sys; d = json.load(open(sys.argv[1], encoding='utf-8')); print(len(d))", jsonFile)
            #expect(
                Int(parsed.trimmingCharacters(in: .whitespacesAndNewlines)) == Int(header.count > 1 ? header[1] : "-1"),
                "\(dataset.name)")
            for name in members {
                #expect(!csv.body.contains(name) && !json.body.contains(name), "\(dataset.name) shows \(name)")
            }
            // Unchanged: 304.
            let again = try app.get(
                "/open-data/\(dataset.name).csv", headers: ["If-None-Match": csv.header("ETag") ?? ""])
            #expect(again.status == 304)
        }
        #expect((try app.get("/open-data/minutes.csv")).body.contains("'=HYPERLINK"))
        #expect(try app.get("/open-data/nothing.csv").status == 404)
    }

    /// The directory is written to a file once per change and sent from disk; its ETag names the change.
    @Test func theDirectory_isWrittenOncePerChange_andSentFromDisk() throws {
        let app = try TestApp()
        try app.createOrganisation("一の会", kana: "いちのかい")
        let first = try app.get("/open-data/organisations.csv")
        #expect(first.status == 200 && first.body.contains("一の会"))
        #expect(first.header("Content-Type") == "text/csv; charset=utf-8")
        let tag = try #require(first.header("ETag"))
        let directory = app.services.config.dataDirectory + "/open-data"
        let files = { (try? FileManager.default.contentsOfDirectory(atPath: directory).sorted()) ?? [] }
        #expect(files().count == 1 && files().first?.hasPrefix("organisations-ja-") == true)
        // Unchanged: a 304 on the tag, the same file for a second download.
        #expect(try app.get("/open-data/organisations.csv", headers: ["If-None-Match": tag]).status == 304)
        #expect(try app.get("/open-data/organisations.csv").body == first.body)
        // A change makes a new file with a new tag; the old file goes.
        try app.createOrganisation("二の会", kana: "にのかい")
        let second = try app.get("/open-data/organisations.csv")
        #expect(second.header("ETag") != tag && second.body.contains("二の会"))
        #expect(files().count == 1)
        // JSON and English are files of their own.
        #expect(try app.get("/open-data/organisations.json").body.contains("\"名称\":\"二の会\""))
        #expect(try app.get("/open-data/organisations.csv?lang=en").status == 200)
        #expect(files().count == 3)
    }

    /// Public pages tell link previews what they are; every page names its canonical address.
    @Test func publicPages_haveOpenGraphAndACanonicalAddress() throws {
        let app = try TestApp()
        let id = try app.createOrganisation("見える会", kana: "みえるかい", summary: "公園の花壇を手入れしています。")
        let page = try app.get("/organisations/\(id)?lang=ja&utm=")
        #expect(page.body.contains("<link rel=\"canonical\" href=\"http://127.0.0.1:8080/organisations/\(id)\">"))
        #expect(page.body.contains("<meta property=\"og:title\" content=\"見える会 | 市民協働ポータル\">"))
        #expect(page.body.contains("<meta property=\"og:description\" content=\"公園の花壇を手入れしています。\">"))
        #expect(page.body.contains("<meta property=\"og:locale\" content=\"ja_JP\">"))
        #expect(try app.get("/organisations?page=2&lang=en").body.contains("href=\"http://127.0.0.1:8080/organisations?page=2\""))
        // Signed-in pages are nobody's preview.
        try app.createUser("staff@example.jp", roles: [.staff])
        let staff = app.browser()
        try staff.signIn("staff@example.jp", "correct-horse-battery")
        #expect(!(try staff.get("/staff/organisations")).body.contains("og:title"))
    }
}
