#if canImport(Glibc)
  import Glibc
  import Synchronization

  /// A fixed set of pthreads, created with a session, that run the parts of
  /// one step together with the calling thread.
  ///
  /// Hosted Linux only: the Embedded (and any non-Glibc) build never sees this
  /// type and runs every step on the caller's thread. `run` allocates
  /// nothing: the job is a pointer to an `ExecutionStep` the session owns.
  ///
  /// Handing over a step is an atomic counter bump that spinning workers see
  /// within a microsecond or so; waking a thread from a condition variable took
  /// about 100 µs on the benchmark machine, more than many steps take. A worker
  /// spins (yielding the CPU each turn) for `spinNanoseconds` after its last
  /// part and then sleeps on a condition variable, so a model that is not run
  /// costs nothing.
  final class WorkerPool {
    /// Threads taking part in a step, the caller included.
    let width: Int
    /// How long an idle worker polls for the next step before sleeping: longer
    /// than the gap between two split steps of one run (a few small steps).
    static let spinNanoseconds = 2_000_000

    /// Bumped once per step; a worker runs a part when it sees a new value.
    private let generation = Atomic<Int>(0)
    /// The step of the current generation.
    private let job = Atomic<UnsafePointer<ExecutionStep>?>(nil)
    /// Workers that have not yet finished their part of the current step.
    private let unfinished = Atomic<Int>(0)
    /// Preparation phases finished by the parts in the current step (`preparationPhases`):
    /// phase `k` is done everywhere once this reaches `parts · (k + 1)`.
    private let prepared = Atomic<Int>(0)
    /// Workers asleep on `wake` (or about to be); the caller takes the lock only when this is not 0.
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []

    /// Starts `width − 1` threads. Precondition: `width >= 2`.
    init(width: Int) {
      self.width = width
      pthread_mutex_init(lock, nil)
      pthread_cond_init(wake, nil)
      for part in 1..<width {
        let context = Unmanaged.passRetained(WorkerContext(pool: self, part: part)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(
          &thread, nil,
          { raw in
            let context = Unmanaged<WorkerContext>.fromOpaque(raw!).takeRetainedValue()
            context.pool.workerLoop(part: context.part)
            return nil
          }, context)
        if status == 0 {
          threads.append(thread)
        } else {
          Unmanaged<WorkerContext>.fromOpaque(context).release()
        }
      }
    }

    /// Parts a step is split into: the caller plus every thread that started.
    var parts: Int { threads.count + 1 }

    /// Runs `step` split into `parts` parts, part 0 on the calling thread,
    /// and returns when all parts are done: each part prepares its share of the
    /// step's set-up, phase by phase, waiting after each until every part has, then
    /// computes its share. No allocation, no lock unless a worker sleeps.
    func run(_ step: UnsafePointer<ExecutionStep>) {
      job.store(step, ordering: .relaxed)
      unfinished.store(threads.count, ordering: .relaxed)
      prepared.store(0, ordering: .relaxed)
      // Sequentially consistent with the sleeper's increment and re-check in `sleep(seen:)`:
      // either this thread sees the sleeper and signals, or the sleeper sees the new generation.
      generation.wrappingAdd(1, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(lock)
        pthread_cond_broadcast(wake)
        pthread_mutex_unlock(lock)
      }
      work(on: step, part: 0)
      while unfinished.load(ordering: .acquiring) > 0 { sched_yield() }
    }

    /// One part of `step`: its share of each preparation phase, each followed by a
    /// barrier, then its share of the work.
    private func work(on step: UnsafePointer<ExecutionStep>, part: Int) {
      for phase in 0..<step.pointee.preparationPhases(parts: parts) {
        step.pointee.prepare(phase: phase, part: part, of: parts)
        prepared.wrappingAdd(1, ordering: .acquiringAndReleasing)
        while prepared.load(ordering: .acquiring) < parts * (phase + 1) { sched_yield() }
      }
      step.pointee.execute(part: part, of: parts)
    }

    private func workerLoop(part: Int) {
      var seen = 0
      while true {
        guard let current = nextGeneration(after: seen) else { return }
        seen = current
        work(on: job.load(ordering: .relaxed)!, part: part)
        unfinished.wrappingSubtract(1, ordering: .releasing)
      }
    }

    /// Waits for a generation other than `seen` (spinning, then sleeping) and returns it,
    /// or nil when the pool is stopping.
    private func nextGeneration(after seen: Int) -> Int? {
      let deadline = Self.now() &+ Self.spinNanoseconds
      var turns = 0
      while true {
        if stopping.load(ordering: .acquiring) { return nil }
        let current = generation.load(ordering: .acquiring)
        if current != seen { return current }
        turns &+= 1
        if turns % 64 == 0 && Self.now() > deadline { return sleep(seen: seen) }
        sched_yield()
      }
    }

    /// Sleeps until the generation moves past `seen` or the pool stops.
    private func sleep(seen: Int) -> Int? {
      pthread_mutex_lock(lock)
      defer { pthread_mutex_unlock(lock) }
      sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
      defer { sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
      while true {
        if stopping.load(ordering: .sequentiallyConsistent) { return nil }
        let current = generation.load(ordering: .sequentiallyConsistent)
        if current != seen { return current }
        pthread_cond_wait(wake, lock)
      }
    }

    /// Monotonic time in nanoseconds.
    private static func now() -> Int {
      var time = timespec()
      clock_gettime(CLOCK_MONOTONIC, &time)
      return time.tv_sec * 1_000_000_000 + time.tv_nsec
    }

    /// Stops and joins the threads. Called by the session's deinit (the
    /// threads hold the pool, so it cannot rely on its own deinit).
    func shutdown() {
      stopping.store(true, ordering: .sequentiallyConsistent)
      pthread_mutex_lock(lock)
      pthread_cond_broadcast(wake)
      pthread_mutex_unlock(lock)
      for thread in threads { pthread_join(thread, nil) }
      threads = []
    }

    deinit {
      pthread_cond_destroy(wake)
      pthread_mutex_destroy(lock)
      wake.deallocate()
      lock.deallocate()
    }
  }

  /// What a worker thread needs: its pool and its part index.
  private final class WorkerContext {
    let pool: WorkerPool
    let part: Int
    init(pool: WorkerPool, part: Int) {
      self.pool = pool
      self.part = part
    }
  }
#endif
