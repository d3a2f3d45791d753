/// Online backup: `VACUUM INTO` writes a consistent, compacted copy from one read snapshot while
/// other connections keep reading and writing (https://sqlite.org/lang_vacuum.html#vacuuminto).
extension DatabasePool {
    public func backup(to destination: String) throws {
        let db = try Database(path: path)
        try db.execute("VACUUM INTO ?", [destination])
    }
}
