#if canImport(Glibc)
  import Glibc

  /// A fixed set of pthreads, created with a session, that run the parts of
  /// one step together with the calling thread.
  ///
  /// Hosted Linux only: the Embedded (and any non-Glibc) build never sees this
  /// type and runs every step on the caller's thread. `run` allocates
  /// nothing: the job is a pointer to an `ExecutionStep` the session owns.
  /// Workers sleep on a condition variable between steps (no spinning, so a
  /// shared machine is not burdened between runs).
  final class WorkerPool {
    /// Threads taking part in a step, the caller included.
    let width: Int
    private let lock = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let wake = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let finished = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var threads: [pthread_t] = []
    // Guarded by `lock`.
    private var generation = 0
    private var pending = 0
    private var job: UnsafePointer<ExecutionStep>?
    private var stopping = false

    /// Starts `width − 1` threads. Precondition: `width >= 2`.
    init(width: Int) {
      self.width = width
      pthread_mutex_init(lock, nil)
      pthread_cond_init(wake, nil)
      pthread_cond_init(finished, nil)
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
    /// and returns when all parts are done. No allocation.
    func run(_ step: UnsafePointer<ExecutionStep>) {
      pthread_mutex_lock(lock)
      job = step
      pending = threads.count
      generation &+= 1
      pthread_cond_broadcast(wake)
      pthread_mutex_unlock(lock)
      step.pointee.execute(part: 0, of: parts)
      pthread_mutex_lock(lock)
      while pending > 0 { pthread_cond_wait(finished, lock) }
      job = nil
      pthread_mutex_unlock(lock)
    }

    private func workerLoop(part: Int) {
      var seen = 0
      pthread_mutex_lock(lock)
      while true {
        while generation == seen && !stopping { pthread_cond_wait(wake, lock) }
        if stopping { break }
        seen = generation
        let step = job!
        pthread_mutex_unlock(lock)
        step.pointee.execute(part: part, of: parts)
        pthread_mutex_lock(lock)
        pending -= 1
        if pending == 0 { pthread_cond_signal(finished) }
      }
      pthread_mutex_unlock(lock)
    }

    /// Stops and joins the threads. Called by the session's deinit (the
    /// threads hold the pool, so it cannot rely on its own deinit).
    func shutdown() {
      pthread_mutex_lock(lock)
      stopping = true
      pthread_cond_broadcast(wake)
      pthread_mutex_unlock(lock)
      for thread in threads { pthread_join(thread, nil) }
      threads = []
    }

    deinit {
      pthread_cond_destroy(finished)
      pthread_cond_destroy(wake)
      pthread_mutex_destroy(lock)
      finished.deallocate()
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
