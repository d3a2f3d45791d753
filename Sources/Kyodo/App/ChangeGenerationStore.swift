import SQLite

/// The only place with SQL for `change_generation`: counters that triggers bump whenever a kind
/// of public record changes, so caches know when they are stale.
enum ChangeGenerationStore {
    /// The counter named `name`, or -1 when it does not exist.
    static func generation(_ db: Database, _ name: String) throws -> Int64 {
        try db.scalar("SELECT generation FROM change_generation WHERE name = ?", [name], as: Int64.self) ?? -1
    }
}
