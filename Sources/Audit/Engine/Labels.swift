import CaseModel

// The engine's part of the label table (the model's is `CaseModel/Labels.swift`): what a report,
// a page or the terminal prints for the engine's codes.

extension RuleFamily: ChineseLabelled {
    /// The family as a report names it.
    public var chineseName: String {
        switch self {
        case .disclose: "行政执法公示"
        case .officer: "执法人员资格"
        case .discretion: "行政裁量权基准"
        case .record: "执法全过程记录"
        case .review: "重大执法决定法制审核"
        case .procedure: "执法程序"
        case .license: "行政许可期限"
        case .seizure: "查封扣押期限"
        case .power: "权责清单"
        case .doc: "文书内容"
        }
    }
}

extension FindingStatus: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .pass: "符合"
        case .fail: "不符合"
        case .manual: "待评"
        case .notApplicable: "不适用"
        case .corrected: "已更正"
        }
    }
}

extension Severity: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .critical: "严重"
        case .major: "较重"
        case .minor: "轻微"
        case .advice: "提示"
        }
    }
}

extension DueObligation.Kind: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .disclosure: "公示"
        case .delivery: "送达决定书"
        case .decision: "作出处罚决定（九十日）"
        case .licenseDecision: "作出许可决定"
        case .seizure: "解除查封扣押"
        case .withdrawal: "撤回被撤销决定的公示"
        }
    }
}
