import Foundation
import Synchronization

/// The app's notion of now. Tests move it forward to check expiries and time windows without
/// waiting; production never touches the offset.
public final class AppClock: Sendable {
    private let offset = Atomic<Int64>(0)

    public init() {}

    public func now() -> Date { Date().addingTimeInterval(Double(offset.load(ordering: .relaxed)) / 1000) }

    public func advance(by seconds: TimeInterval) {
        offset.add(Int64(seconds * 1000), ordering: .relaxed)
    }
}
