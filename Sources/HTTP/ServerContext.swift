import Glibc
import Synchronization

/// What every event loop shares: configuration, the responder, the worker pool and counters.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: Responder
    let pool: WorkerPool
    let openConnections = Atomic<Int>(0)
    /// Open connections per client address, for `maxConnectionsPerAddress`.
    let connectionsByAddress = Protected<[String: Int]>([:])

    /// Counts a new connection from `address`; false (nothing counted) when that address is at its limit.
    func admit(_ address: String) -> Bool {
        let limit = configuration.limits.maxConnectionsPerAddress
        guard limit > 0 else { return true }
        return connectionsByAddress.withLock { counts in
            let n = counts[address, default: 0]
            guard n < limit else { return false }
            counts[address] = n + 1
            return true
        }
    }

    func release(_ address: String) {
        connectionsByAddress.withLock { counts in
            let n = counts[address, default: 0] - 1
            counts[address] = n > 0 ? n : nil
        }
    }
    /// Distinguishes request ids of different runs in one log.
    let runPrefix: String

    init(configuration: ServerConfiguration, responder: Responder) {
        self.configuration = configuration
        self.responder = responder
        self.pool = WorkerPool(threads: configuration.workerCount, capacity: configuration.limits.maxQueuedRequests)
        var bytes = [UInt8](repeating: 0, count: 3)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        runPrefix = bytes.map { String($0, radix: 16).leftPadded(2) }.joined()
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
