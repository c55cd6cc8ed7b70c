import CaseModel
import CaseStore
import CaseXML
import Foundation
import XMLParts

/// Reads a published 双公示 list (.xlsx or .csv) in the national template's columns, as downloaded
/// from the credit platform or kept by the agency, with the day of publication and the address
/// where the file has them. The header is the first of the top five rows that names the
/// template's 决定文号 column; every row after it is one decision. A file with any problem is
/// refused whole, each problem naming its row and column.
public struct PublishedListReader {
    /// The columns read, by the names the template and the platform's downloads give them.
    enum Column: CaseIterable {
        case number, agencyName, agencyCode, party, decisionDate, publishedDate, url

        func names(_ type: CaseType) -> [String] {
            let penalty = type == .penalty
            switch self {
            case .number: return penalty ? ["行政处罚决定书文号", "处罚决定书文号", "决定书文号"] : ["行政许可决定文书号", "许可决定文书号", "决定文书号"]
            case .agencyName: return penalty ? ["处罚机关", "执法机关"] : ["许可机关", "审批机关"]
            case .agencyCode: return penalty ? ["处罚机关统一社会信用代码"] : ["许可机关统一社会信用代码"]
            case .party: return ["行政相对人名称"]
            case .decisionDate: return penalty ? ["处罚决定日期", "决定日期"] : ["许可决定日期", "决定日期"]
            case .publishedDate: return ["公示日期", "发布日期", "公开日期", "公示时间", "发布时间", "采集时间"]
            case .url: return ["网址", "链接", "公示网址", "原文链接", "url"]
            }
        }

        static func normalised(_ text: String) -> String { LedgerColumn.normalised(text) }
    }

    public init() {}

    /// Whether the file's header names a 双公示 决定文号 column: a published list, not a ledger.
    public static func isPublishedList(_ url: URL) -> Bool {
        struct Enough: Error {}
        var found = false
        var seen = 0
        _ = try? SheetReader.read(url) { row in
            seen += 1
            if headerType(row) != nil {
                found = true
                throw Enough()
            }
            if seen >= 5 { throw Enough() }
        }
        return found
    }

    /// The kind of list whose header `row` is: the one whose template 决定文号 column it names,
    /// by the template's own name, which no ledger column takes (a ledger may call its number
    /// 处罚决定书文号, as it may call other columns what the template calls them).
    static func headerType(_ row: SheetRow) -> CaseType? {
        let names = Set(row.cells.values.map { Column.normalised($0.text) })
        for type in [CaseType.penalty, .license] where names.contains(Column.normalised(Column.number.names(type)[0])) {
            return type
        }
        return nil
    }

    public func read(_ url: URL, displayName: String) throws -> PublishedList {
        var type: CaseType?
        var columns: [Column: Int] = [:]
        var rows: [PublishedRow] = []
        var problems: [XMLDiagnostic] = []
        var waiting = 0
        do {
            try SheetReader.read(url) { row in
                guard let type else {
                    if let found = Self.headerType(row) {
                        type = found
                        for (index, value) in row.cells {
                            let name = Column.normalised(value.text)
                            for column in Column.allCases where columns[column] == nil && column.names(found).contains(where: { Column.normalised($0) == name })
                            {
                                columns[column] = index
                            }
                        }
                        return
                    }
                    waiting += 1
                    if waiting >= 5 {
                        throw CaseXMLError.invalid([
                            XMLDiagnostic(file: displayName, line: row.number, message: "找不到表头：前几行中没有“行政处罚决定书文号”或“行政许可决定文书号”列")
                        ])
                    }
                    return
                }
                if let parsed = Self.parse(row, type: type, columns: columns, file: displayName, problems: &problems) { rows.append(parsed) }
            }
        } catch let unreadable as SheetUnreadable {
            throw CaseXMLError.invalid([XMLDiagnostic(file: displayName, line: 0, message: unreadable.message)])
        }
        guard let type else {
            throw CaseXMLError.invalid([XMLDiagnostic(file: displayName, line: 1, message: "找不到表头：文件中没有“行政处罚决定书文号”或“行政许可决定文书号”列")])
        }
        if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
        return PublishedList(type: type, rows: rows)
    }

    private static func parse(_ row: SheetRow, type: CaseType, columns: [Column: Int], file: String, problems: inout [XMLDiagnostic]) -> PublishedRow? {
        func value(_ column: Column) -> SheetValue? {
            guard let index = columns[column], let value = row.cells[index] else { return nil }
            return value.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : value
        }
        func text(_ column: Column) -> String? {
            guard let raw = value(column)?.text.trimmingCharacters(in: .whitespacesAndNewlines) else { return nil }
            if let unsafe = (column == .url || column == .party ? TextSafety.textProblem(raw) : TextSafety.identifierProblem(raw)) {
                problems.append(XMLDiagnostic(file: file, line: row.number, message: unsafe, column: column.names(type)[0]))
                return nil
            }
            return String(raw.prefix(2000))
        }
        func date(_ column: Column) -> CalendarDate? {
            guard let value = value(column) else { return nil }
            if let date = LedgerDates.parse(value) { return date }
            problems.append(
                XMLDiagnostic(file: file, line: row.number, message: "“\(value.text)”不是有效日期（可写作 2024-03-05 或 2024/3/5）", column: column.names(type)[0]))
            return nil
        }
        guard row.cells.values.contains(where: { !$0.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }) else { return nil }
        guard let number = text(.number) else {
            if value(.number) == nil {
                problems.append(XMLDiagnostic(file: file, line: row.number, message: "必填，不能为空", column: Column.number.names(type)[0]))
            }
            return nil
        }
        return PublishedRow(
            row: row.number, agencyName: text(.agencyName), agencyCreditCode: text(.agencyCode), number: number, party: text(.party),
            decisionDate: date(.decisionDate), publishedDate: date(.publishedDate), url: text(.url))
    }
}
