import Foundation
import HTTP
@testable import Kyodo

/// The whole app on an ephemeral loopback port with a fresh SQLite file in a temp directory.
final class TestApp {
    let directory = NSTemporaryDirectory() + "kyodo-app-" + UUID().uuidString
    let app: App
    let clock = AppClock()
    var port: Int { app.port }
    var services: AppServices { app.services }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    init(seed: Bool = false, configure: (inout AppConfig) -> Void = { _ in }) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var config = AppConfig()
        config.host = "127.0.0.1"
        config.port = 0
        config.databasePath = directory + "/kyodo.db"
        config.dataDirectory = directory + "/data"
        config.resourceRoot = Self.packageRoot
        config.accessLog = false
        config.strictTemplates = true
        config.countStatements = true
        config.passwordIterations = 1_000
        config.reminders = false
        config.mailJobs = false
        configure(&config)
        app = try App(config: config, clock: clock)
        if seed { _ = try app.services.database.write { [app] in try DemoData.load(into: $0, services: app.services) } }
        try app.start()
    }

    deinit {
        app.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func get(_ target: String, headers: [String: String] = [:]) throws -> HTTPClient.Response {
        try HTTPClient(port: port).send("GET", target, headers: headers)
    }
}
