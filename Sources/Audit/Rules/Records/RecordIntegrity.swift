import CaseModel

/// An evidence file must be there and hash to what the record says.
struct RecordIntegrity: AuditRule {
    let id = RuleID.recordIntegrity
    let title = "证据文件缺失或被改动"
    let basis = "《行政处罚法》第四十七条：执法全过程记录应当归档保存"
    let checks = "A record whose file is missing or whose content does not match its SHA-256."
    let scope = RuleScope.everyType

    func check(_ context: AuditContext) throws -> Verdict {
        var violations: [Violation] = []
        var files = 0
        for event in context.enforcementCase.events {
            for record in event.records {
                guard let file = record.file else { continue }
                files += 1
                switch record.evidence {
                case .missing:
                    violations.append(Violation("“\(record.title)”的文件\(file)不存在", event: context.reference(event), date: event.date))
                case .mismatch:
                    violations.append(
                        Violation(
                            "“\(record.title)”的文件\(file)与登记的SHA-256不符，可能已被改动",
                            event: context.reference(event), date: event.date))
                case .ok, .unverified, .none:
                    break
                }
            }
        }
        guard files > 0 else { return .notApplicable("没有登记证据文件") }
        return .failing(violations, else: "\(files)个证据文件完整")
    }
}
