import Foundation
import SQLite
import Testing

/// `kyodo serve` is a supervisor and a worker: a dead worker costs a moment, not the service.
@Suite struct SupervisorTests {
    /// The process's stderr, read as it arrives.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.lock(); text += String(decoding: data, as: UTF8.self); lock.unlock() }
        var value: String { lock.lock(); defer { lock.unlock() }; return text }

        /// Waits up to `seconds` for `pattern` to appear; returns the log.
        func wait(for pattern: String, seconds: Double = 20) -> String {
            let end = Date().addingTimeInterval(seconds)
            while Date() < end { if value.contains(pattern) { break }; usleep(20_000) }
            return value
        }
    }

    private func workerPIDs(_ log: String) -> [Int32] {
        log.matches(of: /worker pid (\d+) started/).compactMap { Int32($0.1) }
    }

    /// Polls until the server answers, for at most `seconds`; returns the answer's status.
    private func answer(_ port: Int, _ target: String = "/healthz", seconds: Double) -> Int? {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if let r = try? HTTPClient(port: port).send("GET", target) { return r.status }
            usleep(20_000)
        }
        return nil
    }

    @Test func killedWorker_isReplacedOnTheSamePort_andTheDatabaseIsIntact() throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build kyodo first (make test does)")
        let dir = NSTemporaryDirectory() + "kyodo-sup-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CommandLineTests.Run(["serve", "--port", "0", "--db", dir + "/k.db", "--data-dir", dir + "/data", "--quiet", "--dev"])
        let log = Log()
        run.errors.fileHandleForReading.readabilityHandler = { log.append($0.availableData) }
        defer {
            kill(run.process.processIdentifier, SIGTERM)
            run.process.waitUntilExit()
        }
        let started = log.wait(for: "serving")
        let port = try #require(started.firstMatch(of: /127\.0\.0\.1:(\d+)/).flatMap { Int($0.1) }, "no URL in: \(started)")
        #expect(answer(port, seconds: 10) == 200)
        let first = try #require(workerPIDs(log.value).first)

        kill(first, SIGKILL)
        let began = Date()
        #expect(answer(port, seconds: 5) == 200)
        #expect(Date().timeIntervalSince(began) < 3)
        let afterKill = log.wait(for: "signal 9")
        #expect(afterKill.contains("worker \(first) ended (signal 9)"))
        #expect(workerPIDs(afterKill).count == 2)

        // A trap inside a handler: the crash report names the request, the next worker answers.
        let home = try HTTPClient(port: port).send("GET", "/login")
        let token = try #require(home.body.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })
        let cookie = home.headers("Set-Cookie").compactMap { $0.split(separator: ";").first.map(String.init) }.joined(separator: "; ")
        _ = try? HTTPClient(port: port).send("POST", "/dev/crash", headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
                                           body: "_csrf=\(token)")
        let crashed = log.wait(for: "while handling request")
        #expect(crashed.contains("fatal signal") && crashed.contains("while handling request"))
        #expect(answer(port, seconds: 5) == 200)
        #expect(workerPIDs(log.wait(for: "status", seconds: 1)).count == 3)
        let check = try #require(try? HTTPClient(port: port).send("GET", "/"))
        #expect(check.status == 200)
        let db = try Database(path: dir + "/k.db", readOnly: true)
        #expect(try db.scalar("PRAGMA integrity_check", as: String.self) == "ok")
    }

    @Test func outsideTheProjectFolder_saysWhatIsMissing() throws {
        let dir = NSTemporaryDirectory() + "kyodo-root-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try CommandLineTests.Run(["serve", "--port", "0", "--root", dir, "--db", dir + "/k.db"])
        let result = run.finish()
        #expect(result.status == 2)
        #expect(result.err.contains("cannot find \(dir)/Templates") && result.err.contains("--root DIR"))
        #expect(!result.err.contains("NSCocoaErrorDomain"))
    }
}
