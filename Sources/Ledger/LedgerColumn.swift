import CaseModel

/// The columns of the 行政执法案件台账 (case ledger) that agencies keep in Excel or WPS: one row
/// per case. The template writes exactly these names in this order; a ledger is read by header name,
/// in any order, with the common variants of a name accepted.
public enum LedgerColumn: Int, CaseIterable, Sendable {
    case caseId, agency, caseType, procedure, party, partyKind, partyNumber, facts, item, violationDate
    case discovered, filed, officers, notice, hearingRights, decision, decisionNumber, penalties, fine
    case level, reason, delivery, deliveryMethod, disclosure, disclosureURL, closed
    /// Format 1.1: the power exercised, and what became of the decision in 复议 and 诉讼.
    case power, reconsiderationDate, reconsiderationRuling, judgmentDate, judgmentRuling

    /// Columns of prose, which may hold tabs and line breaks; every other column is an id, a code,
    /// a name, a date or a choice, held to `TextSafety.identifierProblem`.
    var isFreeText: Bool { self == .facts || self == .reason }

    /// Columns that list several values (officers, penalties), each item an identifier.
    var isList: Bool { self == .officers || self == .penalties }

    /// The template's header.
    public var title: String {
        switch self {
        case .caseId: "案件编号"
        case .agency: "执法主体编码"
        case .caseType: "案件类型"
        case .procedure: "程序"
        case .party: "当事人"
        case .partyKind: "当事人类型"
        case .partyNumber: "统一社会信用代码或身份证号"
        case .facts: "违法事实"
        case .item: "裁量事项编码"
        case .violationDate: "违法行为发生日期"
        case .discovered: "发现日期"
        case .filed: "立案日期"
        case .officers: "执法人员"
        case .notice: "告知日期"
        case .hearingRights: "是否告知听证"
        case .decision: "决定日期"
        case .decisionNumber: "决定文号"
        case .penalties: "处罚种类"
        case .fine: "罚款金额（元）"
        case .level: "裁量阶次"
        case .reason: "裁量理由"
        case .delivery: "送达日期"
        case .deliveryMethod: "送达方式"
        case .disclosure: "公示日期"
        case .disclosureURL: "公示网址"
        case .closed: "结案日期"
        case .power: "权责事项编码"
        case .reconsiderationDate: "行政复议决定日期"
        case .reconsiderationRuling: "行政复议结果"
        case .judgmentDate: "行政诉讼判决日期"
        case .judgmentRuling: "行政诉讼判决结果"
        }
    }

    /// Other names ledgers use for the column (compared after `normalised`).
    var variants: [String] {
        switch self {
        case .caseId: ["案号", "案件号", "编号", "案件编码"]
        case .agency: ["执法主体代码", "执法主体", "执法机关编码", "机关编码", "执法单位编码"]
        case .caseType: ["执法类别", "执法类型", "行为类别", "案件类别"]
        case .procedure: ["办案程序", "适用程序", "程序类型"]
        case .party: ["当事人名称", "当事人姓名", "当事人名称或姓名", "相对人", "行政相对人"]
        case .partyKind: ["当事人类别", "相对人类型"]
        case .partyNumber: ["统一社会信用代码/身份证号", "证件号码", "统一社会信用代码或身份证号码", "信用代码或身份证号"]
        case .facts: ["案由", "主要违法事实", "违法行为"]
        case .item: ["裁量基准事项编码", "裁量事项", "事项编码"]
        case .violationDate: ["违法日期", "违法发生日期", "违法行为日期"]
        case .discovered: ["线索发现日期", "案件来源日期"]
        case .filed: ["立案时间"]
        case .officers: ["承办人", "办案人员", "执法人员证号", "执法证号"]
        case .notice: ["告知时间", "处罚告知日期", "事先告知日期"]
        case .hearingRights: ["告知听证", "是否告知听证权"]
        case .decision: ["决定时间", "处罚决定日期", "作出决定日期"]
        case .decisionNumber: ["决定书文号", "处罚决定书文号", "文书号"]
        case .penalties: ["处罚类型", "处罚种类和内容", "处理结果"]
        case .fine: ["罚款金额", "罚款金额(元)", "罚款（元）", "罚款数额"]
        case .level: ["裁量档次", "裁量等级"]
        case .reason: ["裁量说明", "裁量理由说明"]
        case .delivery: ["送达时间"]
        case .deliveryMethod: ["送达方法"]
        case .disclosure: ["公示时间", "公开日期"]
        case .disclosureURL: ["公示链接", "公示地址", "公开网址"]
        case .closed: ["结案时间", "办结日期"]
        case .power: ["权力事项编码", "职权事项编码", "权责清单事项编码"]
        case .reconsiderationDate: ["复议决定日期", "行政复议决定时间"]
        case .reconsiderationRuling: ["复议结果", "复议决定结果", "行政复议决定结果"]
        case .judgmentDate: ["判决日期", "诉讼判决日期", "行政诉讼判决时间"]
        case .judgmentRuling: ["诉讼结果", "判决结果", "诉讼判决结果"]
        }
    }

    /// Whether a row needs the column.
    var required: Bool { [.caseId, .agency, .caseType, .party].contains(self) }

    var isDate: Bool {
        [.violationDate, .discovered, .filed, .notice, .decision, .delivery, .disclosure, .closed, .reconsiderationDate, .judgmentDate]
            .contains(self)
    }

    /// The words a drop-down offers, from the shared label table.
    public var choices: [String]? {
        switch self {
        case .caseType: CaseType.allCases.map(\.chineseName)
        case .procedure: Procedure.allCases.map(\.chineseName)
        case .partyKind: PartyKind.allCases.map(\.chineseName)
        case .penalties: PenaltyKind.allCases.map(\.chineseName)
        case .level: ["不予处罚", "减轻", "从轻", "一般", "从重"]
        case .deliveryMethod: DeliveryMethod.allCases.map(\.chineseName)
        case .hearingRights: ["是", "否"]
        case .reconsiderationRuling: Ruling.allCases.filter { Ruling.problem($0, on: .reconsiderationDecided) == nil }.map(\.chineseName)
        case .judgmentRuling: Ruling.allCases.filter { Ruling.problem($0, on: .judgment) == nil }.map(\.chineseName)
        default: nil
        }
    }

    /// What the instructions sheet says about the column.
    public var note: String {
        switch self {
        case .caseId: "必填。本机关的案件编号，以执法主体编码和连字符开头，如 WH-SJJ-2024-0117；同一编号再次导入即替换。"
        case .agency: "必填。执法主体在名录中的编码，如 WH-SJJ。"
        case .caseType: "必填。下拉选择：行政处罚、行政许可、行政强制等。"
        case .procedure: "下拉选择；不填为普通程序。"
        case .party: "必填。法人或其他组织的名称，或自然人的姓名。"
        case .partyKind: "下拉选择；不填为法人或其他组织。"
        case .partyNumber: "法人或其他组织填统一社会信用代码，自然人填身份证号；以文本格式填写，以免丢失位数。"
        case .facts: "违法事实的简要表述。"
        case .item: "所适用的裁量基准事项编码，如 SJ-JL-18。"
        case .violationDate, .discovered, .filed, .notice, .decision, .delivery, .disclosure, .closed, .reconsiderationDate, .judgmentDate:
            "日期：日期格式单元格，或写作 2024-03-05、2024/3/5、2024年3月5日。"
        case .officers: "执法证号或人员编号，多人以顿号“、”或空格分隔，如 3402001001、3402001002。"
        case .hearingRights: "告知时是否告知听证权利：是或否。"
        case .decisionNumber: "决定书文号，如 芜市监处罚〔2024〕117号。"
        case .penalties: "下拉选择；多种处罚以顿号“、”分隔，如 警告、罚款。"
        case .fine: "以元为单位的数字，至多两位小数。"
        case .level: "下拉选择：不予处罚、减轻、从轻、一般、从重。"
        case .reason: "适用从轻、减轻、从重或不予处罚的理由。"
        case .deliveryMethod: "下拉选择：直接送达、邮寄送达等。"
        case .disclosureURL: "公示页面的网址。"
        case .power: "所行使的权责清单事项编码，如 CG-CF-001；本机关已导入权责清单的，应填写。"
        case .reconsiderationRuling: "行政复议决定的结果，下拉选择：维持、驳回、撤销、变更、确认违法、责令履行；与复议决定日期同填。"
        case .judgmentRuling: "行政诉讼判决的结果，下拉选择：驳回（驳回诉讼请求）、撤销、变更、确认违法、确认无效、责令履行；与判决日期同填。"
        }
    }

    /// A header as ledgers write it, made comparable: no spaces, half-width brackets and slashes.
    static func normalised(_ header: String) -> String {
        var text = header.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
            .replacingOccurrences(of: "／", with: "/")
        text.removeAll { $0.isWhitespace || $0 == "*" || $0 == "＊" }
        return text.lowercased()
    }

    /// The column a header names, if any.
    static func matching(_ header: String) -> LedgerColumn? {
        let key = normalised(header)
        guard !key.isEmpty else { return nil }
        return allCases.first { column in
            ([column.title] + column.variants).contains { normalised($0) == key }
        }
    }
}
