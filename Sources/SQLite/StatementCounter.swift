import CSQLite

/// How many statements the calling thread has run. A request runs on one worker thread, so the
/// difference before and after a handler is the number of statements it ran.
public enum StatementCounter {
    public static var current: UInt { UInt(kyodo_statement_count().pointee) }
    static func increment() { kyodo_statement_count().pointee &+= 1 }
}
