import Glibc

/// Compiled templates by name, locale and view types. Read on every render by every worker, written
/// once per combination: a reader-writer lock keeps reads concurrent (a mutex serialised workers).
final class CompiledCache: @unchecked Sendable {
    struct Key: Hashable {
        let name: String
        let locale: String
        let types: [ObjectIdentifier]
    }

    private var entries: [Key: [CompiledNode]] = [:]
    private let lock = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)

    init() { pthread_rwlock_init(lock, nil) }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deallocate()
    }

    func get(_ key: Key) -> [CompiledNode]? {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return entries[key]
    }

    func set(_ key: Key, _ nodes: [CompiledNode]) {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        entries[key] = nodes
    }
}
