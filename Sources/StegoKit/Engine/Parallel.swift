import CDNNL
import Foundation

/// The number of threads used by oneDNN and by the element-wise loops.
public enum Threads {
    /// All cores unless `set` says otherwise (oneDNN's OpenMP default is the same).
    nonisolated(unsafe) private(set) static var count = ProcessInfo.processInfo.activeProcessorCount

    /// Sets the thread count for oneDNN (OpenMP) and for `parallelFor`.
    public static func set(_ n: Int) {
        count = max(1, n)
        omp_set_num_threads(Int32(count))
    }

    /// What OpenMP would use by default (the number of cores, or OMP_NUM_THREADS).
    public static var available: Int { Int(omp_get_max_threads()) }
}

/// Runs `body(i)` for i in 0..<count, split into one contiguous chunk per thread when the
/// work is large enough to pay for the hand-off.
@inline(__always)
func parallelFor(_ count: Int, minimumPerThread: Int = 16_384, maximumThreads: Int = .max, _ body: (Int) -> Void) {
    // `body` is called through a closure context here; a hot element-wise loop should call
    // `parallelChunks` with the loop written in its body, so that it is inlined and vectorized.
    parallelChunks(count, minimumPerThread: minimumPerThread, maximumThreads: maximumThreads) { range in
        for i in range { body(i) }
    }
}

/// Σ term(i) for i in 0..<count, on all threads.
func parallelSum(_ count: Int, _ term: (Int) -> Double) -> Double {
    let chunks = 64
    var partial = [Double](repeating: 0, count: chunks)
    partial.withUnsafeMutableBufferPointer { partial in
        parallelFor(chunks, minimumPerThread: 1) { k in
            var sum = 0.0
            for i in k * count / chunks..<(k + 1) * count / chunks { sum += term(i) }
            partial[k] = sum
        }
    }
    return partial.reduce(0, +)
}

/// Runs `body` on contiguous ranges covering 0..<count, one per thread, at most `maximumThreads`
/// of them (where each holds memory), on the calling thread alone when there is too little work.
/// The threads are OpenMP's, the ones oneDNN runs on: with
/// a second pool (Dispatch's), OpenMP's idle threads spin for a while after each convolution and
/// take the cores from the element-wise passes that follow (a fifth of a training step's CPU
/// time went to that spinning on 2 cores, docs/engine.md).
func parallelChunks(_ count: Int, minimumPerThread: Int = 16_384, maximumThreads: Int = .max, _ body: (Range<Int>) -> Void) {
    let threads = min(Threads.count, count / minimumPerThread, maximumThreads)
    if threads <= 1 {
        body(0..<count)
        return
    }
    withoutActuallyEscaping(body) { body in
        // GOMP_parallel returns only when every thread is done, so the job outlives them; each
        // chunk writes disjoint indices.
        var job = ChunkJob(count: count, body: body)
        withUnsafeMutablePointer(to: &job) { pointer in
            GOMP_parallel({ raw in
                let job = raw!.assumingMemoryBound(to: ChunkJob.self)
                let (t, n, count) = (Int(omp_get_thread_num()), Int(omp_get_num_threads()), job.pointee.count)
                job.pointee.body(count * t / n..<count * (t + 1) / n)
            }, pointer, UInt32(threads), 0)
        }
    }
}

private struct ChunkJob {
    let count: Int
    let body: (Range<Int>) -> Void
}
