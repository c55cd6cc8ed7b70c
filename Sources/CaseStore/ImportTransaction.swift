import CaseModel
import CaseXML
import Foundation

/// The writes of one import inside its transaction: the file's name, the time and the actor that
/// every row and journal entry of the file shares.
struct ImportTransaction {
    let db: any SQLConnection
    let file: String
    let at: String
    let journal: JournalAppender

    /// `holdingJournal`: the journal entries wait for `journal.writeHeldEntries()` (`LateLockedImport`).
    init(db: any SQLConnection, file: String, at: String, actor: String, holdingJournal: Bool = false) async throws {
        self.db = db
        self.file = file
        self.at = at
        self.journal = try await JournalAppender(db: db, actor: actor, at: at, holdingEntries: holdingJournal)
    }

    func importRegistry(_ entries: [(CaseFileReader.RegistryEntry, Int)], fileHash: String?) async throws -> ImportCounts {
        var agencies = 0
        var people = 0
        for (entry, _) in entries {
            if case .agency(let agency) = entry {
                try await RegistryRows.upsert(agency, into: db)
                agencies += 1
            }
        }
        var problems: [XMLDiagnostic] = []
        for (entry, line) in entries {
            guard case .officer(let officer) = entry else { continue }
            guard try await RegistryRows.agencyExists(officer.agency, db) else {
                problems.append(XMLDiagnostic(file: file, line: line, message: "人员 \(officer.id) 所属的执法主体 \(officer.agency) 既不在本文件中，也不在库中"))
                continue
            }
            try await RegistryRows.upsert(officer, into: db)
            people += 1
        }
        if !problems.isEmpty { throw CaseXMLError.invalid(problems) }
        try await journal.append(.registryImport, subject: file, contentHash: fileHash, detail: "\(agencies) agencies, \(people) people")
        var counts = ImportCounts()
        counts.agencies = agencies
        counts.officers = people
        return counts
    }

    func importBenchmarks(_ set: BenchmarkSet, fileHash: String?) async throws -> ImportCounts {
        guard try await RegistryRows.agencyExists(set.agency, db) else {
            throw CaseXMLError.invalid([XMLDiagnostic(file: file, line: 2, message: "裁量基准所属的执法主体 \(set.agency) 不在已导入的名录中")])
        }
        try await RegistryRows.replace(set, importedAt: at, into: db)
        try await journal.append(
            .benchmarksImport, subject: set.agency, contentHash: fileHash,
            detail: "\(file): \(set.items.count) items, effective \(set.effective?.description ?? "-")")
        var counts = ImportCounts()
        counts.benchmarkItems = set.items.count
        return counts
    }

    /// Stores every case, or none: every refusal of the file is collected before it throws.
    ///
    /// `staged`: cases whose rows but their own a large import wrote before this transaction
    /// (`StagedImport`); each gets its own row here, which publishes it.
    /// `eventIDs`: the ids this transaction's events follow, when it reserved them beforehand.
    func importCases(
        _ cases: [PreparedCase], agencyScope: String?, staged: Set<String> = [], eventIDs: ReservedEventIDs? = nil
    ) async throws -> ImportCounts {
        let absent = try await CaseWriter.absent(cases.map(\.enforcementCase.id), db)
        guard staged.isSubset(of: absent) else {
            throw StoreError.caseBeingImported(staged.subtracting(absent).sorted().first!)
        }
        try await Self.refuse(cases, file: file, agencyScope: agencyScope, absent: absent, ownStage: staged, db)
        let references = try await KnownReferences(db)
        let writer = CaseWriter(db: db, journal: journal, eventIDs: eventIDs)
        var counts = ImportCounts()
        // By index, here and below: a loop's element is a copy of the whole case, each of its
        // texts retained and released, for nothing these loops need.
        for index in cases.indices {
            counts.warnings += references.warnings(for: cases[index].enforcementCase, line: cases[index].line, file: file)
        }
        let ordered = cases.inStoreOrder
        for index in ordered.indices {
            let id = ordered[index].enforcementCase.id
            let outcome = try await writer.store(
                ordered[index].enforcementCase, contentHash: ordered[index].contentHash, sourceFile: file, at: at,
                knownAbsent: absent.contains(id), partsStaged: staged.contains(id))
            switch outcome {
            case .new: counts.newCases += 1
            case .replaced: counts.replacedCases += 1
            case .unchanged: counts.unchangedCases += 1
            }
        }
        try await writer.finish()
        return counts
    }

    /// Throws every refusal of a file's cases at once: an agency the registry lacks, a case outside
    /// the clerk's `agencyScope`, an id another import is staging. `absent`: the ids the store
    /// lacks, when the caller has them; `ownStage`: ids this import staged itself.
    static func refuse(
        _ cases: [PreparedCase], file: String, agencyScope: String?, absent: Set<String>? = nil, ownStage: Set<String> = [],
        _ db: any SQLConnection
    ) async throws {
        let knownAgencies = await Set(try db.fetchValues(String.self, "SELECT code FROM agency"))
        let absent = try await absent.asyncOr { try await CaseWriter.absent(cases.map(\.enforcementCase.id), db) }
        let stagedElsewhere = try await StagedImport.stagedIds(among: absent.subtracting(ownStage), db)
        var refused: [XMLDiagnostic] = []
        for index in cases.indices {
            let (id, agency) = (cases[index].enforcementCase.id, cases[index].enforcementCase.agency)
            let refusal: String? =
                if !knownAgencies.contains(agency) {
                    "案件 \(id) 的执法主体 \(agency) 不在已导入的名录中"
                } else if let agencyScope,
                    let outside = try await CaseStore.outOfScope(cases[index].enforcementCase, agencyScope, agencies: knownAgencies, db)
                {
                    outside
                } else if stagedElsewhere.contains(id) {
                    StoreError.caseBeingImported(id).description
                } else {
                    nil
                }
            if let refusal { refused.append(XMLDiagnostic(file: file, line: cases[index].line, message: refusal)) }
        }
        if !refused.isEmpty { throw CaseXMLError.invalid(refused) }
    }
}

extension CaseStore {
    public enum StoreOutcome: Sendable { case new, replaced, unchanged }
}

/// Stores cases inside one write transaction: each new or replaced case with its journal entry.
///
/// `knownAbsent` lets an import say which ids it found absent in one query per chunk beforehand,
/// so that new cases go straight to the connection's appended (on PostgreSQL, multi-row) inserts
/// without a lookup each.
final class CaseWriter {
    let db: any SQLConnection
    let journal: JournalAppender
    private var eventIDs: Int64?
    /// The last id of a range reserved beforehand, which the events may not pass.
    private let lastReservedEventID: Int64?
    /// Ids stored by this transaction: a second case of the same id in a file replaces the first.
    private var written: Set<String> = []
    /// The texts of the stored cases' documents, written together by `finish` (one statement a
    /// hundred, not one a document between the cases' appended rows).
    private var documents: [String: DocumentText] = [:]

    init(db: any SQLConnection, journal: JournalAppender, eventIDs reserved: ReservedEventIDs? = nil) {
        self.db = db
        self.journal = journal
        eventIDs = reserved.map(\.after)
        lastReservedEventID = reserved?.last
    }

    /// Writes the texts of the documents of the cases stored; what every writer does last.
    func finish() async throws {
        try await DocumentTexts.store(documents, into: db)
        documents = [:]
    }

    /// Ids among `ids` that the store does not hold, asked in chunks.
    static func absent(_ ids: [String], _ db: any SQLConnection) async throws -> Set<String> {
        var missing = Set(ids)
        for chunk in SQLInList.chunks(ids, size: 256) {
            for id in try await db.fetchValues(String.self, "SELECT id FROM enforcementCase WHERE id IN \(chunk.placeholders)", chunk.values) {
                missing.remove(id)
            }
        }
        return missing
    }

    /// Stores a case; an existing case of the same id is kept in history and replaced.
    ///
    /// `partsStaged`: every row of the case but its own is stored already (`StagedImport`); the
    /// case is new, and its own row publishes it.
    func store(
        _ enforcementCase: EnforcementCase, contentHash hash: String, sourceFile: String?, at now: String,
        knownAbsent: Bool = false, partsStaged: Bool = false
    ) async throws -> CaseStore.StoreOutcome {
        if partsStaged, !written.contains(enforcementCase.id) {
            try await CaseRows.insertRoot(enforcementCase, version: 1, importedAt: now, sourceFile: sourceFile, contentHash: hash, into: db)
            written.insert(enforcementCase.id)
            try await journal.append(.caseImport, subject: enforcementCase.id, contentHash: hash, detail: "version 1 from \(sourceFile ?? "-")")
            return .new
        }
        var version = 1
        var outcome = CaseStore.StoreOutcome.new
        let mayExist = !knownAbsent || written.contains(enforcementCase.id)
        if mayExist, let existing = try await db.fetchRecords(CaseRecord.self, "SELECT * FROM enforcementCase WHERE id = ?", [enforcementCase.id]).first {
            if existing.contentHash == hash, try await existingEvidence(enforcementCase.id) == evidence(of: enforcementCase),
                try await !DocumentTexts.wouldChange(enforcementCase, db)
            {
                return .unchanged
            }
            guard let previous = try await CaseRows.load(id: existing.id, from: db) else {
                throw StoreError.corrupt("case \(existing.id) has no party row")
            }
            let history = CaseHistoryRecord(
                id: nil, caseId: existing.id, version: existing.version, replacedAt: now,
                sourceFile: existing.sourceFile, contentHash: existing.contentHash,
                xml: CaseXMLWriter.document(previous))
            try await db.insert(history)
            try await db.execute("DELETE FROM enforcementCase WHERE id = ?", [existing.id])
            version = existing.version + 1
            outcome = .replaced
        } else if !knownAbsent, try await !StagedImport.stagedIds(among: [enforcementCase.id], db).isEmpty {
            throw StoreError.caseBeingImported(enforcementCase.id)
        }
        DocumentTexts.collect(enforcementCase, into: &documents)
        var nextEventID = try await eventIDs.asyncOr { try await CaseRows.lastEventID(db) }
        try await CaseRows.insert(
            enforcementCase, version: version, importedAt: now, sourceFile: sourceFile, contentHash: hash,
            into: db, eventIDs: &nextEventID)
        if let lastReservedEventID, nextEventID > lastReservedEventID {
            throw StoreError.corrupt("an import's events outran the ids it reserved")
        }
        eventIDs = nextEventID
        written.insert(enforcementCase.id)
        try await journal.append(
            outcome == .new ? .caseImport : .caseReplace, subject: enforcementCase.id,
            contentHash: hash, detail: "version \(version) from \(sourceFile ?? "-")")
        return outcome
    }

    private func evidence(of enforcementCase: EnforcementCase) -> [String] {
        var statuses: [String] = []
        for event in enforcementCase.events {
            for record in event.records { statuses.append(record.evidence.rawValue) }
        }
        return statuses
    }

    private func existingEvidence(_ id: String) async throws -> [String] {
        try await db.fetchValues(
            String.self,
            """
            SELECT r.evidence FROM record r JOIN event e ON e.id = r.eventId
            WHERE e.caseId = ? ORDER BY e.position, r.position
            """, [id])
    }
}

/// The people and benchmark items the store holds, for the warnings an import gives (without
/// refusing) when a case names one it does not know: the file may come before its registry, but a
/// clerk should hear at once that `O-9` or `SJ-XX-01` is unknown rather than find it in an audit.
struct KnownReferences {
    let people: Set<String>
    let items: [String: Set<String>]

    init(_ db: any SQLConnection) async throws {
        people = await Set(try db.fetchValues(String.self, "SELECT id FROM officer"))
        let rows = try await db.fetchAll("SELECT s.agency, i.code FROM benchmarkItem i JOIN benchmarkSet s ON s.id = i.setId")
        items = Dictionary(grouping: rows, by: { $0["agency"] as String }).mapValues { Set($0.map { $0["code"] as String }) }
    }

    func warnings(for c: EnforcementCase, line: Int, file: String) -> [XMLDiagnostic] {
        var found: [XMLDiagnostic] = []
        var reported: Set<String> = []
        for event in c.events {
            let at = event.line > 0 ? event.line : line
            for officer in event.officers where !people.contains(officer) && reported.insert("o" + officer).inserted {
                found.append(
                    XMLDiagnostic(
                        file: file, line: at, message: "案件 \(c.id) 事件“\(event.kind.chineseName)”的执法人员 \(officer) 不在已导入的名录中（已导入；评查将按无有效执法证处理，请核对编号或先导入名录）"))
            }
            if let reviewer = event.reviewer, !people.contains(reviewer), reported.insert("r" + reviewer).inserted {
                found.append(
                    XMLDiagnostic(
                        file: file, line: at, message: "案件 \(c.id) 事件“\(event.kind.chineseName)”的审核人员 \(reviewer) 不在已导入的名录中（已导入；评查将认定审核人员不具备资格，请核对编号或先导入名录）"))
            }
        }
        if let item = c.matter?.item, items[c.agency]?.contains(item) != true {
            let sets = items[c.agency] == nil ? "该执法主体尚未导入裁量基准" : "该执法主体已导入的裁量基准中没有这一事项"
            found.append(XMLDiagnostic(file: file, line: line, message: "案件 \(c.id) 的裁量基准事项 \(item) 无从核对：\(sets)（已导入；请核对事项编号或先导入裁量基准）"))
        }
        return found
    }
}
