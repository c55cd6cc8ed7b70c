/// The Chinese labels of every code a person reads: one table, used by the command line, the
/// reports and the web pages alike. Codes (the raw values) are for machines: XML, JSON, ids.
///
/// The engine's own codes (rule families, finding statuses, severities, obligations) are labelled
/// in `Audit/Engine/Labels.swift`; grade names are the checklist's own words.
public protocol ChineseLabelled: RawRepresentable, CaseIterable where RawValue == String {
    /// The label a person reads.
    var chineseName: String { get }
}

extension CaseType: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .penalty: "行政处罚"
        case .license: "行政许可"
        case .coercion: "行政强制"
        case .inspection: "行政检查"
        case .levy: "行政征收征用"
        case .confirmation: "行政确认"
        case .payment: "行政给付"
        case .adjudication: "行政裁决"
        case .other: "其他"
        }
    }
}

extension Procedure: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .general: "普通程序"
        case .simple: "简易程序"
        case .fast: "快速办理"
        }
    }
}

extension PartyKind: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .individual: "自然人"
        case .organisation: "法人或其他组织"
        }
    }
}

extension EventKind: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .discovered: "发现线索"
        case .filed: "立案"
        case .accepted: "受理申请"
        case .inspection: "现场检查"
        case .investigation: "调查询问"
        case .seizure: "查封扣押"
        case .seizureExtended: "延长查封扣押"
        case .seizureReleased: "解除查封扣押"
        case .demolition: "强制拆除"
        case .notice: "告知"
        case .statement: "陈述申辩"
        case .waiver: "放弃陈述申辩和听证"
        case .hearingRequested: "申请听证"
        case .hearingNotice: "听证通知"
        case .hearing: "听证"
        case .legalReview: "法制审核"
        case .collectiveDiscussion: "集体讨论"
        case .extension: "延期"
        case .decision: "决定"
        case .delivery: "送达"
        case .execution: "执行完毕"
        case .closed: "结案"
        case .revoked: "决定被撤销"
        case .reconsiderationApplied: "申请行政复议"
        case .reconsiderationDecided: "行政复议决定"
        case .litigationFiled: "提起行政诉讼"
        case .judgment: "行政诉讼判决"
        }
    }
}

extension Record.Kind: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .text: "文字记录"
        case .audioVideo: "音像记录"
        case .photo: "照片"
        }
    }
}

extension Record.Evidence: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .none: "未附文件"
        case .ok: "校验一致"
        case .mismatch: "哈希不符"
        case .missing: "文件缺失"
        case .unverified: "未提供哈希"
        }
    }
}

extension ReviewResult: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .approved: "审核通过"
        case .rejected: "审核不通过"
        case .revise: "退回修改"
        }
    }
}

extension DeliveryMethod: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .direct: "直接送达"
        case .mail: "邮寄送达"
        case .electronic: "电子送达"
        case .left: "留置送达"
        case .publicNotice: "公告送达"
        }
    }
}

extension RevokedBy: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .reconsideration: "行政复议撤销"
        case .court: "法院判决撤销"
        case .self: "自行纠正撤销"
        }
    }
}

extension Ruling: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .upheld: "维持"
        case .dismissed: "驳回"
        case .revoked: "撤销"
        case .changed: "变更"
        case .unlawful: "确认违法"
        case .void: "确认无效"
        case .ordered: "责令履行"
        }
    }
}

extension PowerCategory: ChineseLabelled {
    /// The case type's name (行政处罚, 行政许可, …), or 其他.
    public var chineseName: String { caseType?.chineseName ?? CaseType.other.chineseName }
}

extension PenaltyKind: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .warning: "警告"
        case .criticism: "通报批评"
        case .fine: "罚款"
        case .confiscateIncome: "没收违法所得"
        case .confiscateProperty: "没收非法财物"
        case .lowerQualification: "降低资质等级"
        case .suspendLicense: "暂扣许可证件"
        case .revokeLicense: "吊销许可证件"
        case .orderSuspension: "责令停产停业"
        case .orderClosure: "责令关闭"
        case .restrictEmployment: "限制从业"
        case .detention: "行政拘留"
        case .other: "其他"
        }
    }
}

extension GrantResult: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .granted: "准予许可"
        case .denied: "不予许可"
        }
    }
}

extension PersonRole: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .officer: "持证执法人员"
        case .auxiliary: "执法辅助人员"
        case .reviewer: "法制审核人员"
        }
    }
}

extension Certificate.Status: ChineseLabelled {
    public var chineseName: String {
        switch self {
        case .valid: "有效"
        case .suspended: "暂扣"
        case .revoked: "吊销"
        }
    }
}

/// What a base amount (`<base name="volume-m3" amount="50"/>`) measures, and in which unit: a
/// benchmark's multiples apply to money, but a tier may be chosen by a quantity. Known names have
/// Chinese labels; other names ending in a unit suffix (`-m3`, `-kg`, …) carry that unit; any other
/// name is an amount of money, as the interchange format's examples are.
public struct BaseMeasure: Sendable, Equatable {
    /// The name as written in the case file.
    public var code: String
    /// What is measured, in Chinese when known (货值金额), else the code.
    public var label: String
    /// 元 for money, else the quantity's unit (立方米).
    public var unit: String

    static let known: [String: (String, String)] = [
        "goods-value": ("货值金额", "元"), "illegal-income": ("违法所得", "元"),
        "construction-cost": ("工程造价", "元"), "volume-m3": ("体积", "立方米"),
        "area-m2": ("面积", "平方米"), "weight-kg": ("重量", "千克")
    ]
    static let unitSuffixes: [(String, String)] = [
        ("-m3", "立方米"), ("-m2", "平方米"), ("-km", "千米"), ("-m", "米"), ("-kg", "千克"), ("-t", "吨"),
        ("-l", "升"), ("-pcs", "件"), ("-count", "件"), ("-head", "头")
    ]

    public init(_ code: String) {
        self.code = code
        if let (label, unit) = Self.known[code] {
            self.label = label
            self.unit = unit
        } else if let (_, unit) = Self.unitSuffixes.first(where: { code.hasSuffix($0.0) }) {
            self.label = code
            self.unit = unit
        } else {
            self.label = code
            self.unit = "元"
        }
    }

    /// The amount with its unit: `体积50立方米`, `货值金额3200元`.
    public func text(_ amount: Money) -> String { "\(label)\(amount.groupedText)\(unit)" }
}

/// A span of time as people read it (`45 秒`, `3 分 12 秒`): the command line's progress bars and
/// the web's job pages say it alike.
public enum ElapsedText {
    public static func of(seconds: Int) -> String {
        seconds >= 60 ? "\(seconds / 60) 分 \(seconds % 60) 秒" : "\(max(0, seconds)) 秒"
    }
}
