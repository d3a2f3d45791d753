import SQLite

/// The only place with SQL for which stored files are still in use: every table that names a
/// content-addressed file by its hash.
enum FileReferenceStore {
    static func referenced(_ db: Database) throws -> Set<String> {
        Set(try db.query("""
            SELECT sha256 FROM organisation_document UNION SELECT sha256 FROM grant_attachment
            UNION SELECT sha256 FROM meeting_material
            """).map { try $0.get("sha256") as String })
    }
}
