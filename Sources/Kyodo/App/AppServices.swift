import Crypto
import Foundation
import HTTP
import SQLite
import Templating

/// The long-lived parts every handler uses: configuration, the database, the templates, the
/// clock and the keys.
public final class AppServices: Sendable {
    public let config: AppConfig
    public let database: DatabasePool
    public let templates: TemplateLibrary
    public let clock: AppClock
    public let passwords: PasswordService
    public let files: FileStore
    /// Rendered public pages for anonymous visitors (see `PublicPageCache`).
    public let publicPages = PublicPageCache()
    /// Signs anonymous visitors' CSRF tokens.
    let csrfKey: [UInt8]

    /// Opens (creating) the database, applies pending migrations and loads the templates; any
    /// failure stops start-up with a message that says what to fix.
    public init(config: AppConfig, clock: AppClock = AppClock()) throws {
        self.config = config
        self.clock = clock
        try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
        let dbDirectory = (config.databasePath as NSString).deletingLastPathComponent
        if !dbDirectory.isEmpty { try FileManager.default.createDirectory(atPath: dbDirectory, withIntermediateDirectories: true) }
        database = try DatabasePool(path: config.databasePath)
        let migrator = try Migrator(directory: config.migrationsDirectory)
        _ = try database.withWriter { try migrator.migrate($0) }
        csrfKey = try database.write { try AppSecret.key($0, name: "csrf") }
        templates = try TemplateLibrary(directory: config.templatesDirectory,
                                        options: .init(strict: config.strictTemplates || config.development, reload: config.development))
        passwords = try PasswordService(iterations: config.passwordIterations)
        files = FileStore(dataDirectory: config.dataDirectory)
        try files.prepare()
    }

    public func now() -> Date { clock.now() }
}
