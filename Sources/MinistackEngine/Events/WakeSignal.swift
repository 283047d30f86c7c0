import Synchronization

/// Lets the delivery worker sleep until its poll interval passes or a database notification
/// arrives, whichever comes first. A wake-up with nobody waiting is kept for the next wait.
final class WakeSignal: Sendable {
    private enum State {
        case idle
        case pending
        case waiting(CheckedContinuation<Void, Never>)
    }

    private let state = Mutex(State.idle)

    /// Ends the current (or the next) wait.
    func wake() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if case .waiting(let continuation) = state {
                state = .idle
                return continuation
            }
            state = .pending
            return nil
        }
        waiter?.resume()
    }

    /// Returns after `limit`, at a wake-up, or at once when one is pending or the task is cancelled.
    func wait(atMost limit: Duration) async {
        let timer = Task {
            try? await Task.sleep(for: limit)
            self.wake()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    if case .pending = state {
                        state = .idle
                        return true
                    }
                    state = .waiting(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            self.wake()
        }
        timer.cancel()
    }
}
