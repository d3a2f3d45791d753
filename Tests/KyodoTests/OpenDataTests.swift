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
}
