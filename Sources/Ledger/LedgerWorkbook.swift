import CaseModel
import CaseStore
import CaseXML
import Foundation
import Reports

/// Writes ledgers: the empty template clerks fill in, and stored cases in the same layout so that
/// a ledger round-trips. The header row is the first row (no title above it) so that any
/// spreadsheet program's filters and imports see it as the header.
public enum LedgerWorkbook {
    static var columns: [XLSXWorkbook.Column] {
        LedgerColumn.allCases.map { column in
            let width: Double =
                switch column {
                case .facts, .partyNumber: 28
                case .party, .decisionNumber, .disclosureURL, .reason: 22
                case .caseId, .officers: 18
                default: 12
                }
            let format: XLSXWorkbook.Format = column.isDate ? .date : (column == .fine ? .money : (width > 18 ? .wrapped : .text))
            return XLSXWorkbook.Column(column.title, width: width, format: format)
        }
    }

    /// The template: the 台账 sheet with its header and drop-downs, and a 填写说明 sheet.
    public static func template(to url: URL) throws {
        let workbook = try XLSXWorkbook(url: url)
        try startLedger(workbook)
        try instructions(workbook)
        try workbook.finish()
    }

    /// Stored cases in the ledger's layout, with the instructions sheet after them.
    @discardableResult
    public static func export(store: CaseStore, agency: String?, to url: URL) throws -> Int {
        let workbook = try XLSXWorkbook(url: url)
        try startLedger(workbook)
        let registry = try store.registry()
        var certificates: [String: String] = [:]
        for officer in registry.officers { if let first = officer.certificates.first { certificates[officer.id] = first.number } }
        var count = 0
        try store.forEachBatch(of: try store.caseIds(agency: agency)) { cases, _ in
            for c in cases {
                workbook.addRow(row(c, certificates: certificates))
                count += 1
            }
        }
        try instructions(workbook)
        try workbook.finish()
        return count
    }

    private static func startLedger(_ workbook: XLSXWorkbook) throws {
        try workbook.addSheet("台账", columns: columns)
        for column in LedgerColumn.allCases {
            if let choices = column.choices { workbook.addChoices(column: column.rawValue, choices) }
        }
    }

    private static func instructions(_ workbook: XLSXWorkbook) throws {
        try workbook.addSheet(
            "填写说明", title: "行政执法案件台账填写说明（每行一件案件；列的顺序可以调整，列名须与此相同）",
            columns: [
                .init("列名", width: 24, format: .wrapped), .init("填写要求", width: 90, format: .wrapped)
            ])
        for column in LedgerColumn.allCases {
            workbook.addRow([.text(column.title), .text(column.note)])
        }
    }

    /// One case as a ledger row: the first event of each dated kind, officers by certificate number.
    static func row(_ c: EnforcementCase, certificates: [String: String]) -> [Cell] {
        func first(_ kind: EventKind) -> Event? { c.events.first { $0.kind == kind } }
        func date(_ kind: EventKind) -> Cell { first(kind).map { .date($0.date) } ?? .empty }
        func text(_ value: String?) -> Cell { value.flatMap { $0.isEmpty ? nil : Cell.text($0) } ?? .empty }
        let officers = (first(.decision) ?? first(.filed))?.officers.map { certificates[$0] ?? $0 } ?? []
        let penalties = c.outcome?.penalties ?? []
        let fine = penalties.filter { $0.kind == .fine }.compactMap(\.amount).reduce(Money(fen: 0), +)
        var cells = [Cell](repeating: .empty, count: LedgerColumn.allCases.count)
        func set(_ column: LedgerColumn, _ cell: Cell) { cells[column.rawValue] = cell }
        set(.caseId, .text(c.id))
        set(.agency, .text(c.agency))
        set(.caseType, .text(c.type.chineseName))
        set(.procedure, .text(c.procedure.chineseName))
        set(.party, .text(c.party.name))
        set(.partyKind, .text(c.party.kind.chineseName))
        set(.partyNumber, text(c.party.creditCode ?? c.party.idNumber))
        set(.facts, text(c.matter?.text))
        set(.item, text(c.matter?.item))
        set(.violationDate, c.matter?.violationDate.map(Cell.date) ?? .empty)
        set(.discovered, date(.discovered))
        set(.filed, date(.filed))
        set(.officers, text(officers.joined(separator: "、")))
        set(.notice, date(.notice))
        set(.hearingRights, first(.notice)?.hearingRights.map { .text($0 ? "是" : "否") } ?? .empty)
        set(.decision, date(.decision))
        set(.decisionNumber, text(first(.decision)?.number))
        // The fine has its own column; another penalty with an amount carries it in its word.
        set(
            .penalties,
            text(
                penalties.map { p in
                    p.kind != .fine ? p.amount.map { "\(p.kind.chineseName)\($0.yuanText)元" } ?? p.kind.chineseName : p.kind.chineseName
                }.joined(separator: "、")))
        set(.fine, fine.fen > 0 ? .number(Double(fine.fen) / 100) : .empty)
        set(.level, text(c.outcome?.discretion?.level))
        set(.reason, text(c.outcome?.discretion?.reason))
        set(.delivery, date(.delivery))
        set(.deliveryMethod, text(first(.delivery)?.method?.chineseName))
        set(.disclosure, c.disclosure?.date.map(Cell.date) ?? .empty)
        set(.disclosureURL, text(c.disclosure?.url))
        set(.closed, date(.closed))
        set(.power, text(c.power))
        // The latest ruling of each kind: what the decision's standing is now.
        for (kind, dateColumn, rulingColumn) in [
            (EventKind.reconsiderationDecided, LedgerColumn.reconsiderationDate, LedgerColumn.reconsiderationRuling),
            (.judgment, .judgmentDate, .judgmentRuling)
        ] {
            if let last = c.events.last(where: { $0.kind == kind }) {
                set(dateColumn, .date(last.date))
                set(rulingColumn, text(last.ruling?.chineseName))
            }
        }
        return cells
    }
}

extension CaseStore {
    /// Imports a ledger (.xlsx or .csv) as one transaction, through the same path as a case file:
    /// all of its cases or none. Problems name the ledger's row and column.
    public func importLedger(_ url: URL, displayName: String? = nil, actor: String, agencyScope: String? = nil) throws -> ImportCounts {
        let name = displayName ?? url.path
        let cases = try LedgerReader(registry: try registry()).read(url, displayName: name)
        // Written as one <cases> document, each case's first line remembered, so that a refusal by
        // the store (an unknown agency, another agency's case) names the ledger row it came from.
        var document = CaseXMLWriter.casesDocumentStart
        var starts: [(line: Int, row: Int)] = []
        var line = document.filter { $0 == "\n" }.count + 1
        for ledgerCase in cases {
            let element = CaseXMLWriter.element(ledgerCase.enforcementCase)
            starts.append((line, ledgerCase.row))
            document += element
            if !element.hasSuffix("\n") { document += "\n" }
            line += element.filter { $0 == "\n" }.count + (element.hasSuffix("\n") ? 0 : 1)
        }
        document += CaseXMLWriter.casesDocumentEnd
        func onLedger(_ problem: XMLDiagnostic) -> XMLDiagnostic {
            let row = starts.last { $0.line <= problem.line }?.row ?? 0
            return XMLDiagnostic(file: name, line: row, message: problem.message, detail: problem.detail)
        }
        do {
            var counts = try importDocument(
                .memory(Data(document.utf8)), kind: .cases, displayName: name, actor: actor,
                agencyScope: agencyScope, evidence: .none)
            counts.warnings = counts.warnings.map(onLedger)
            return counts
        } catch let error as CaseXMLError {
            throw CaseXMLError.invalid(error.diagnostics.map(onLedger))
        }
    }
}

/// Which files are ledgers.
public enum LedgerFiles {
    /// `.xlsx` or `.csv` (an Excel lock file `~$…` is not).
    public static func isLedger(_ path: String) -> Bool {
        let name = (path as NSString).lastPathComponent
        let lower = name.lowercased()
        return !name.hasPrefix("~$") && (lower.hasSuffix(".xlsx") || lower.hasSuffix(".csv"))
    }
}
