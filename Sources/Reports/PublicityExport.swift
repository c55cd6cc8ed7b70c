import Audit
import CaseModel
import CaseStore
import Foundation

/// 双公示: decisions in the national template agencies upload to the credit platform
/// (../shared/spec/shuanggongshi.md), its columns in its order, one row per decision.
///
/// Penalties: decided penalty cases that imposed one, not exempt from disclosure and not
/// withdrawn (a decision revoked, changed or found unlawful comes off the platform). Licenses:
/// licenses granted. Amounts are in 万元; an individual's identity number is never written; the
/// 公示截止期 is the decision day plus the checklist's `publicity.penalty.months`.
public enum PublicityExport {
    public enum Kind: String, Sendable, CaseIterable {
        case penalty, license

        /// The template's columns, in order.
        public var columns: [String] {
            switch self {
            case .penalty:
                [
                    "行政相对人名称", "行政相对人类别", "行政相对人代码_1（统一社会信用代码）", "行政相对人代码_2（工商注册号）",
                    "行政相对人代码_3（组织机构代码）", "行政相对人代码_4（税务登记号）", "行政相对人代码_5（事业单位证书号）",
                    "行政相对人代码_6（社会组织登记证号）", "法定代表人", "法定代表人证件类型", "证件类型", "证件号码", "行政处罚决定书文号",
                    "违法行为类型", "违法事实", "处罚依据", "处罚类别", "处罚内容", "罚款金额（万元）", "没收违法所得、没收非法财物的金额（万元）",
                    "暂扣或吊销证照名称及编号", "处罚决定日期", "处罚有效期", "公示截止期", "处罚机关", "处罚机关统一社会信用代码", "数据来源单位",
                    "数据来源单位统一社会信用代码", "备注"
                ]
            case .license:
                [
                    "行政相对人名称", "行政相对人类别", "统一社会信用代码", "工商注册号", "组织机构代码", "税务登记号", "事业单位证书号",
                    "社会组织登记证号", "法定代表人", "法定代表人证件号", "行政许可决定文书名称", "行政许可决定文书号", "许可类别", "许可证书名称",
                    "许可编号", "许可内容", "许可决定日期", "有效期自", "有效期至", "许可机关", "许可机关统一社会信用代码", "当前状态", "数据来源单位",
                    "数据来源单位统一社会信用代码", "备注"
                ]
            }
        }

        var caseType: CaseType { self == .penalty ? .penalty : .license }
    }

    /// Which decisions: of one agency or all, decided from `from` through `to`.
    public struct Selection: Sendable {
        public var kind: Kind
        public var agency: String?
        public var from: CalendarDate?
        public var to: CalendarDate?

        public init(kind: Kind, agency: String? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
            self.kind = kind
            self.agency = agency
            self.from = from
            self.to = to
        }

        func holds(_ date: CalendarDate) -> Bool { (from.map { $0 <= date } ?? true) && (to.map { date <= $0 } ?? true) }
    }

    /// `法人及非法人组织`, `个体工商户` (an individual with a credit code), `自然人`.
    public static func partyCategory(_ party: Party) -> String {
        switch party.kind {
        case .organisation: "法人及非法人组织"
        case .individual: party.creditCode == nil ? "自然人" : "个体工商户"
        }
    }

    /// 万元 with up to six decimals, as the template writes amounts: `1.6`, `0.015`.
    public static func tenThousands(_ money: Money) -> String {
        let whole = money.fen / 1_000_000
        var fraction = String(money.fen % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return fraction.isEmpty ? "\(whole)" : "\(whole).\(fraction)"
    }

    /// The last day of a period of `months` months that begins on `date`: the day before the same
    /// day `months` later, or that month's last day when it has no such day (from 31 August, six
    /// months end on 28 or 29 February).
    public static func periodEnd(_ date: CalendarDate, months: Int) -> CalendarDate {
        let (year, month, day) = date.parts
        let total = (month - 1) + months
        let y = year + total / 12
        let m = total % 12 + 1
        let last = CalendarDate.daysInMonth(year: y, month: m)
        guard day <= last else { return CalendarDate(year: y, month: m, day: last) ?? .latest }
        return (CalendarDate(year: y, month: m, day: day) ?? .latest).adding(days: -1)
    }

    /// The row of one case, or nil when the case is not one the template publishes.
    public static func row(of c: EnforcementCase, kind: Kind, auditor: CaseAuditor, agencies: [String: Agency]) -> [String]? {
        guard c.type == kind.caseType, let decision = c.decision, c.disclosure?.exempt == nil, c.disclosure?.withdrawn == nil,
            c.withdrawalCause == nil
        else { return nil }
        let agency = agencies[c.agency]
        let agencyName = agency?.name ?? c.agency
        let agencyCode = agency?.creditCode ?? ""
        let party = c.party
        let organisation = party.kind == .organisation || party.creditCode != nil
        let date = decision.date.description
        switch kind {
        case .penalty:
            let penalties = c.outcome?.penalties ?? []
            guard !penalties.isEmpty else { return nil }
            let item = auditor.benchmarkItem(for: c)
            let fines = penalties.filter { $0.kind == .fine }.compactMap(\.amount)
            let confiscated = penalties.filter { $0.kind == .confiscateIncome || $0.kind == .confiscateProperty }.compactMap(\.amount)
            let content = penalties.map { p in p.amount.map { "\(p.kind.chineseName)人民币\($0.groupedText)元" } ?? p.kind.chineseName }
            let end = periodEnd(decision.date, months: auditor.parameters.publicityPenaltyMonths).description
            return [
                party.name, partyCategory(party), organisation ? party.creditCode ?? "" : "", "", "", "", "", "", "", "",
                party.kind == .individual && party.creditCode == nil ? "身份证" : "", "",
                decision.number ?? "", item?.name ?? c.matter?.text ?? "", c.matter?.text ?? "", item?.basis ?? "",
                penalties.map(\.kind.chineseName).joined(separator: ";"), content.joined(separator: "；"),
                fines.isEmpty ? "" : tenThousands(fines.reduce(Money(fen: 0), +)),
                confiscated.isEmpty ? "" : tenThousands(confiscated.reduce(Money(fen: 0), +)), "", date, end, end, agencyName, agencyCode,
                agencyName, agencyCode, ""
            ]
        case .license:
            guard c.outcome?.grant == .granted else { return nil }
            return [
                party.name, partyCategory(party), organisation ? party.creditCode ?? "" : "", "", "", "", "", "", "", "",
                "准予行政许可决定书", decision.number ?? "", "普通", "", "", c.matter?.text ?? "", date, date, "", agencyName, agencyCode, "有效",
                agencyName, agencyCode, ""
            ]
        }
    }

    /// Writes the selected decisions as CSV (UTF-8 with a byte-order mark) or XLSX, the header in
    /// the first row as the platform's upload expects; returns how many rows were written.
    public static func write(
        _ selection: Selection, store: CaseStore, auditor: CaseAuditor, format: ExportFormat, to url: URL
    ) throws -> Int {
        let agencies = Dictionary(try store.registry().agencies.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let ids =
            if let from = selection.from, let to = selection.to {
                try store.caseIds(datedFrom: from, to: to, agency: selection.agency)
            } else {
                try store.caseIds(agency: selection.agency)
            }
        func each(_ body: ([String]) throws -> Void) throws {
            try store.forEachBatch(of: ids) { cases, _ in
                for c in cases {
                    guard let date = c.decision?.date, selection.holds(date),
                        let row = row(of: c, kind: selection.kind, auditor: auditor, agencies: agencies)
                    else { continue }
                    try body(row)
                }
            }
        }
        var count = 0
        switch format {
        case .csv:
            let sink = try ReportSink(path: url.path)
            let csv = CSVWriter(sink: sink)
            csv.row(selection.kind.columns)
            try each { row in
                csv.row(row)
                count += 1
            }
            try sink.close()
        case .xlsx:
            let workbook = try XLSXWorkbook(url: url)
            try workbook.addSheet(
                selection.kind == .penalty ? "行政处罚" : "行政许可", columns: selection.kind.columns.map { .init($0, width: 16, format: .wrapped) })
            try each { row in
                workbook.addRow(row.map { $0.isEmpty ? .empty : .text($0) })
                count += 1
            }
            try workbook.finish()
        case .json:
            throw PublicityExportError.unsupportedFormat
        }
        return count
    }
}

public enum PublicityExportError: Error, CustomStringConvertible {
    case unsupportedFormat

    public var description: String { "双公示数据只写作 xlsx 或 csv。" }
}
