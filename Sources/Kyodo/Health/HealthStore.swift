import SQLite

/// What `/healthz` reads: that the database answers and has its schema.
enum HealthStore {
    static func check(_ db: Database) throws {
        _ = try db.scalar("SELECT count(*) FROM schema_migration", as: Int.self)
    }
}
