import Foundation
import HTTP
import Synchronization

/// Runs periodic work (opening and closing calls on time; later reminders) on one background
/// thread, every `interval` seconds, until stopped. A failing job is logged and tried again.
final class Scheduler: Sendable {
    private let running = Atomic<Bool>(true)

    init(interval: Double, job: @escaping @Sendable () throws -> Void) {
        Thread.detachNewThread { [self] in
            while running.load(ordering: .acquiring) {
                do { try job() } catch { Log.error("scheduled job failed: \(error)") }
                var slept = 0.0
                while slept < interval && running.load(ordering: .acquiring) { usleep(100_000); slept += 0.1 }
            }
        }
    }

    func stop() { running.store(false, ordering: .releasing) }
}
