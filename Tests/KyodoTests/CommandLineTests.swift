import Foundation
import SQLite
import Testing

/// The real `kyodo` binary, as `make run` and operators use it.
@Suite struct CommandLineTests {
    static let binary = TestApp.packageRoot + "/.build/debug/kyodo"

    final class Run {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        init(_ arguments: [String], environment: [String: String] = [:], stdin: Pipe? = nil) throws {
            process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: TestApp.packageRoot)
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = stdin ?? FileHandle.nullDevice
            try process.run()
        }
        func finish() -> (status: Int32, out: String, err: String) {
            let out = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let err = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (process.terminationStatus, out, err)
        }
    }

    private func temp() throws -> String {
        let dir = NSTemporaryDirectory() + "kyodo-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func serve_onFreePort_answersPagesInBothLanguages_andExitsZeroOnSIGTERM() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.binary), "build kyodo first (make test does)")
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try Run(["serve", "--port", "0", "--db", dir + "/k.db", "--data-dir", dir + "/data", "--quiet"])
        var log = ""
        while !log.contains("listening on") {
            let data = run.errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
        }
        let port = try #require(log.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }, "no URL in: \(log)")
        let client = HTTPClient(port: port)
        let home = try client.send("GET", "/")
        #expect(home.status == 200 && home.htmlLang == "ja")
        #expect(home.header("Content-Security-Policy") != nil)
        #expect(try client.send("GET", "/healthz").body == "ok")
        let ja = try client.send("GET", "/missing")
        #expect(ja.status == 404 && ja.htmlLang == "ja")
        let en = try client.send("GET", "/missing", headers: ["Accept-Language": "en"])
        #expect(en.status == 404 && en.htmlLang == "en")
        kill(run.process.processIdentifier, SIGTERM)
        #expect(run.finish().status == 0)
        #expect(FileManager.default.fileExists(atPath: dir + "/k.db"))
    }

    @Test func migrate_thenStatus() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let migrate = try Run(["migrate", "--db", dir + "/k.db"]).finish()
        #expect(migrate.status == 0)
        #expect(migrate.out.contains("applied 0001_notices"))
        let status = try Run(["migrate", "--status", "--db", dir + "/k.db"]).finish()
        #expect(status.out.contains("0001_notices"))
        #expect(!status.out.contains("pending"))
    }

    @Test func seedDemo_thenBackup_copiesEveryRow() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(try Run(["seed-demo", "--db", dir + "/k.db"]).finish().status == 0)
        let again = try Run(["seed-demo", "--db", dir + "/k.db"]).finish()
        #expect(again.status == 1)
        #expect(again.err.contains("already has data"))
        let backup = try Run(["backup", dir + "/copy.db", "--db", dir + "/k.db"]).finish()
        #expect(backup.status == 0 && backup.out.contains("copy.db-files/ (1 files)"), "\(backup.out)")
        // The demo's attachment went next to its database, and into the backup.
        let stored = try FileManager.default.subpathsOfDirectory(atPath: dir + "/copy.db-files").filter { $0.count > 3 }
        #expect(stored.count == 1 && FileManager.default.fileExists(atPath: dir + "/files/" + (stored.first ?? "")))
        let copy = try Database(path: dir + "/copy.db")
        #expect(try copy.scalar("SELECT count(*) FROM notice", as: Int.self) == 9)
        let overwrite = try Run(["backup", dir + "/copy.db", "--db", dir + "/k.db"]).finish()
        #expect(overwrite.status == 2)
        // Reminders from cron: the demo's overdue deadline once, then nothing more.
        let first = try Run(["remind", "--db", dir + "/k.db"]).finish()
        #expect(first.status == 0 && first.out.contains("reminders,") && !first.out.hasPrefix("0 ") && !first.out.contains(" 0 mails queued"))
        // No mail server configured: the mail waits in the outbox, nothing is delivered and nothing is lost.
        #expect(first.out.contains("0 delivered, 0 not delivered"))
        #expect(try Run(["remind", "--db", dir + "/k.db"]).finish().out.hasPrefix("0 reminders, 0 mails queued"))
    }

    @Test func badInput_goesToStderr_withNonZeroExit() throws {
        let unknown = try Run(["frobnicate"]).finish()
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("unknown command frobnicate"))
        let badPort = try Run(["serve", "--port", "99999"]).finish()
        #expect(badPort.status == 2)
        #expect(badPort.err.contains("not a port number"))
        let badEnv = try Run(["serve"], environment: ["KYODO_PORT": "http"]).finish()
        #expect(badEnv.status == 2)
        let help = try Run(["backup", "--help"]).finish()
        #expect(help.status == 0 && help.out.contains("usage: kyodo"))
    }
}

@Suite struct CreateUserCommandTests {
    @Test func createUser_readsPasswordFromStdin_andCanSignIn() throws {
        let dir = NSTemporaryDirectory() + "kyodo-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let input = Pipe()
        let run = try CommandLineTests.Run(["create-user", "--email", "Chief@Example.jp", "--name", "市民 協働", "--role", "admin,staff", "--db", dir + "/k.db"],
                                           stdin: input)
        input.fileHandleForWriting.write(Data("first-admin-passphrase\n".utf8))
        try input.fileHandleForWriting.close()
        let result = run.finish()
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("chief@example.jp"))
        let db = try Database(path: dir + "/k.db")
        #expect(try db.scalar("SELECT group_concat(role) FROM (SELECT role FROM user_role ORDER BY role)", as: String.self) == "admin,staff")
        let hash = try #require(try db.scalar("SELECT password_hash FROM user_account", as: String.self))
        #expect(hash.hasPrefix("pbkdf2-sha256$600000$"))
        #expect(try db.scalar("SELECT count(*) FROM audit_event WHERE action = 'user.create'", as: Int.self) == 1)

        let weak = Pipe()
        let refused = try CommandLineTests.Run(["create-user", "--email", "b@example.jp", "--name", "B", "--role", "admin", "--db", dir + "/k.db"], stdin: weak)
        weak.fileHandleForWriting.write(Data("password\n".utf8))
        try weak.fileHandleForWriting.close()
        let weakResult = refused.finish()
        #expect(weakResult.status == 2)
        #expect(weakResult.err.contains("at least 10 characters"))
    }
}
