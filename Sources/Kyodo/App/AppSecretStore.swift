import Crypto
import SQLite

/// Server-side keys, created once and kept in the database so they survive restarts.
enum AppSecret {
    /// The key named `name`, generated on first use.
    static func key(_ db: Database, name: String) throws -> [UInt8] {
        if let existing = try db.scalar("SELECT value FROM app_secret WHERE name = ?", [name], as: [UInt8].self) { return existing }
        let key = SecureRandom.bytes(32)
        try db.execute("INSERT INTO app_secret (name, value) VALUES (?, ?)", [name, key])
        return key
    }
}
