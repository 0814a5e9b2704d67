import Dispatch
import Foundation
import Scenario
import SimKernel
import Synchronization

/// A one-line progress bar on stderr: simulated time done across all replications, events
/// per second and the time left. It reads the wall clock; the model never does.
final class TerminalProgress: RunProgress {
    private struct State {
        var simulated: [Int64]
        var events: [UInt64]
        var lastDraw: UInt64 = 0
    }

    private let state: Mutex<State>
    private let total: Double
    private let start = DispatchTime.now().uptimeNanoseconds

    init(replications: Int, duration: SimTime) {
        state = Mutex(State(simulated: Array(repeating: 0, count: replications), events: Array(repeating: 0, count: replications)))
        total = Double(replications) * Double(duration.nanoseconds)
    }

    func advanced(replication: Int, to time: SimTime, events: UInt64) {
        let now = DispatchTime.now().uptimeNanoseconds
        let line: String? = state.withLock { state in
            state.simulated[replication] = time.nanoseconds
            state.events[replication] = events
            guard now - state.lastDraw > 100_000_000 else { return nil }
            state.lastDraw = now
            return render(state, now: now)
        }
        if let line { FileHandle.standardError.write(Data(line.utf8)) }
    }

    func finish() {
        let line = state.withLock { render($0, now: DispatchTime.now().uptimeNanoseconds) }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func render(_ state: State, now: UInt64) -> String {
        let done = Double(state.simulated.reduce(0, +)) / total
        let elapsed = Double(now - start) * 1e-9
        let events = Double(state.events.reduce(0, +))
        let width = 30
        let filled = Int(done * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let eta = done > 0 ? elapsed * (1 - done) / done : 0
        let rate = elapsed > 0 ? events / elapsed / 1e6 : 0
        return String(format: "\r[%@] %3.0f%%  %.1f M events/s  ETA %.0f s ", bar, done * 100, rate, eta)
    }
}
