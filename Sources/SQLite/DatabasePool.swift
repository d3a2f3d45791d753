import Glibc

/// Connections for a multi-threaded server: one writer, serialised, and a set of readers. WAL
/// lets readers see the last committed state while a write is in progress, so reads never wait
/// for writes (https://sqlite.org/wal.html).
public final class DatabasePool: @unchecked Sendable {
    public let path: String
    private let writer: Database
    private let writerLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let readerLock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    // Guarded by readerLock.
    private var idleReaders: [Database] = []

    public init(path: String) throws {
        self.path = path
        writer = try Database(path: path)
        pthread_mutex_init(writerLock, nil)
        pthread_mutex_init(readerLock, nil)
    }

    deinit {
        pthread_mutex_destroy(writerLock)
        pthread_mutex_destroy(readerLock)
        writerLock.deallocate()
        readerLock.deallocate()
    }

    /// Runs `body` in a write transaction on the single writer connection.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        pthread_mutex_lock(writerLock)
        defer { pthread_mutex_unlock(writerLock) }
        return try writer.transaction(immediate: true, body)
    }

    /// Runs `body` on a reader connection inside one read transaction, so every query in it sees
    /// the same snapshot.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        let db = try checkoutReader()
        defer { checkin(db) }
        return try db.transaction(immediate: false, body)
    }

    /// The writer, outside any transaction, for work that manages its own (migrations, backup).
    public func withWriter<T>(_ body: (Database) throws -> T) rethrows -> T {
        pthread_mutex_lock(writerLock)
        defer { pthread_mutex_unlock(writerLock) }
        return try body(writer)
    }

    private func checkoutReader() throws -> Database {
        pthread_mutex_lock(readerLock)
        let reused = idleReaders.popLast()
        pthread_mutex_unlock(readerLock)
        return try reused ?? Database(path: path)
    }

    private func checkin(_ db: Database) {
        pthread_mutex_lock(readerLock)
        idleReaders.append(db)
        pthread_mutex_unlock(readerLock)
    }
}
