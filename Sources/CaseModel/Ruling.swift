/// What a 行政复议 decision or a 行政诉讼 judgment did to the decision (format 1.1): 维持 and 驳回
/// leave it standing; the others correct it (复议纠错) or lose the suit (败诉).
public enum Ruling: String, Hashable, Sendable, Codable, CaseIterable {
    /// 维持 (复议)
    case upheld
    /// 驳回复议申请 / 驳回诉讼请求
    case dismissed
    /// 撤销
    case revoked
    /// 变更
    case changed
    /// 确认违法
    case unlawful
    /// 确认无效 (诉讼)
    case void
    /// 责令履行
    case ordered

    /// The decision did not stand: counted as 复议纠错 or 败诉.
    public var correctsDecision: Bool { self != .upheld && self != .dismissed }

    /// 行政处罚法 第四十八条第二款: "公开的行政处罚决定被依法变更、撤销、确认违法或者确认无效的，行政
    /// 机关应当在三日内撤回行政处罚决定信息并公开说明理由". 责令履行 leaves the published decision as it was.
    /// What is wrong with `ruling` on an event of `kind`, in a sentence, or nil: a 复议 decision and
    /// a judgment need one, of the outcomes each can have (维持 is a 复议 decision's, 确认无效 a
    /// court's); no other kind carries one. The importer and the web form both ask here.
    public static func problem(_ ruling: Ruling?, on kind: EventKind) -> String? {
        switch (kind, ruling) {
        case (.reconsiderationDecided, nil), (.judgment, nil):
            "“\(kind.chineseName)”须写明结果 ruling（如 upheld 维持、revoked 撤销）"
        case (.reconsiderationDecided, .void?):
            "行政复议决定没有“确认无效”，应为 upheld、dismissed、revoked、changed、unlawful 或 ordered"
        case (.judgment, .upheld?):
            "行政诉讼判决没有“维持”，驳回诉讼请求应写作 dismissed"
        case (.reconsiderationDecided, _?), (.judgment, _?), (_, nil):
            nil
        case (_, _?):
            "只有行政复议决定和行政诉讼判决写结果 ruling，“\(kind.chineseName)”不写"
        }
    }

    public var requiresWithdrawal: Bool { self == .revoked || self == .changed || self == .unlawful || self == .void }
}
