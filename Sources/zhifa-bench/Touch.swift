import CaseStore
import Foundation

/// `zhifa-bench touch STORE SHARE`: changes a share of the stored cases as clerks would (a party's
/// name corrected), each through the store as a new version, so that the benchmark can time an
/// audit after a day's edits.
func touchCases(location: String, share: Double) throws {
    let store = try CaseStore(location: location)
    defer { store.close() }
    let ids = try store.caseIds()
    let step = max(1, Int((1 / max(share, 1e-6)).rounded()))
    var changed = 0
    for index in stride(from: 0, to: ids.count, by: step) {
        guard var c = try store.loadCase(id: ids[index]) else { continue }
        c.party.name += "（更正）"
        _ = try store.save(c, actor: "benchmark", source: "touch")
        changed += 1
    }
    print("touched \(changed) of \(ids.count) cases")
}

/// `zhifa-bench read STORE`: reads every stored case as an audit does (batches of 512, versions
/// included) and audits none, so that reading rows into cases is timed alone.
func readCases(location: String) throws {
    let store = try CaseStore(location: location)
    defer { store.close() }
    let ids = try store.caseIds()
    let clock = ContinuousClock()
    var cases = 0
    var events = 0
    let elapsed = try clock.measure {
        try store.forEachVersionedBatch(of: ids) { batch in
            cases += batch.cases.count
            events += batch.cases.reduce(0) { $0 + $1.events.count }
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(String(format: "read %d cases (%d events) in %.2f s", cases, events, seconds))
}
