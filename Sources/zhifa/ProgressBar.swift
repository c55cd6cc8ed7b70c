import ArgumentParser
import CaseModel
import Foundation

/// `--quiet`, for every command that draws progress.
struct ProgressOptions: ParsableArguments {
    @Flag(help: "Draw no progress bar on standard error (none is drawn when it is not a terminal).")
    var quiet = false

    func bar(_ label: String) -> ProgressBar { ProgressBar(label, enabled: !quiet && isatty(STDERR_FILENO) == 1) }
}

/// A progress bar on standard error, redrawn at most ten times a second: counts, share, time
/// spent and an estimate of what is left. Drawn only on a terminal; a pipe or a log file gets
/// nothing extra, so scripts read the same output as before.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let enabled: Bool
    private let start = ContinuousClock.now
    private var lastDrawn: ContinuousClock.Instant?
    private var drawn = false
    private let lock = NSLock()

    init(_ label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// `done` of `total` (nil when the total is not known).
    func update(done: Int, total: Int?, unit: String = "件") {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = ContinuousClock.now
        let complete = total.map { done >= $0 } ?? false
        if let lastDrawn, now - lastDrawn < .milliseconds(100), !complete { return }
        lastDrawn = now
        let elapsed = now - start
        var line = "\r\(label) "
        if let total, total > 0 {
            let share = min(1, Double(done) / Double(total))
            let filled = Int(share * 24)
            line += String(repeating: "█", count: filled) + String(repeating: "░", count: 24 - filled)
            line += " \(Self.number(done))/\(Self.number(total)) \(unit)（\(Int(share * 100))%）已用 \(Self.duration(elapsed))"
            if done > 0, done < total {
                let left = elapsed * (Double(total - done) / Double(done))
                line += "，约剩 \(Self.duration(left))"
            }
        } else {
            line += "\(Self.number(done)) \(unit)，已用 \(Self.duration(elapsed))"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
        drawn = true
    }

    /// Clears the bar, so that what is printed next starts on a clean line.
    func finish() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        drawn = false
    }

    private static func number(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    private static func duration(_ duration: Duration) -> String {
        ElapsedText.of(seconds: Int(duration.components.seconds))
    }
}
