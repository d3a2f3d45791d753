import Glibc

/// A fixed set of threads running handlers, so blocking work (SQLite, file reads, password
/// hashing) never runs on an event loop. The queue is bounded: when it is full the caller
/// answers 503 instead of queueing without limit.
final class WorkerPool: @unchecked Sendable {
    typealias Job = @Sendable () -> Void

    // Guarded by `mutex`; the pointers are allocated once and freed in deinit.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var queue: [Job?] = []
    private var head = 0
    private var stopping = false
    private var idle = 0
    private let capacity: Int
    private var threads: [pthread_t] = []

    init(threads count: Int, capacity: Int) {
        self.capacity = capacity
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for i in 0..<max(1, count) {
            threads.append(Thread.spawn { [unowned self] in
                InFlight.claim(slot: i)
                self.work()
            })
        }
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(condition)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Queues jobs in order; returns how many fit (the rest were not queued).
    func submit(_ jobs: [Job]) -> Int {
        pthread_mutex_lock(mutex)
        let room = max(0, capacity - (queue.count - head))
        let accepted = jobs.prefix(room)
        queue.append(contentsOf: accepted.map { Optional($0) })
        // One wake-up per job: a broadcast would wake every idle worker to find one job.
        for _ in 0..<min(accepted.count, idle) { pthread_cond_signal(condition) }
        pthread_mutex_unlock(mutex)
        return accepted.count
    }

    /// Lets queued jobs finish, then ends the threads.
    func shutdown() {
        pthread_mutex_lock(mutex)
        stopping = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        for t in threads { pthread_join(t, nil) }
        threads = []
    }

    private func work() {
        while true {
            pthread_mutex_lock(mutex)
            while head == queue.count && !stopping {
                idle += 1
                pthread_cond_wait(condition, mutex)
                idle -= 1
            }
            if head == queue.count && stopping { pthread_mutex_unlock(mutex); return }
            let job = queue[head]
            queue[head] = nil
            head += 1
            if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
            pthread_mutex_unlock(mutex)
            job?()
        }
    }
}

/// pthread-based thread start, so loops and workers are plain OS threads with a known lifetime.
enum Thread {
    private final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    static func spawn(_ body: @escaping @Sendable () -> Void) -> pthread_t {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        pthread_attr_setstacksize(&attributes, 4 << 20)
        let rc = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        pthread_attr_destroy(&attributes)
        precondition(rc == 0, "pthread_create failed: \(rc)")
        return thread
    }
}
