import CaseModel
import CaseXML
import Foundation
import Testing

@Suite struct ReaderTests {
    let reader = CaseFileReader()

    @Test func readsTheSampleRegistry() throws {
        let registry = try reader.readRegistry(Repository.samples.appendingPathComponent("registry.xml"))
        #expect(registry.agencies.map(\.code) == ["WH-SJJ", "WH-CGJ", "WH-HBJ"])
        let byId = Dictionary(uniqueKeysWithValues: registry.officers.map { ($0.id, $0) })
        #expect(byId["O-1005"]?.roles == [.officer, .reviewer])
        #expect(byId["O-1005"]?.certificates.count == 2)
        #expect(byId["O-1009"]?.roles == [.auxiliary])
        #expect(byId["R-02"]?.legalQualification == nil)
        #expect(byId["R-01"]?.reviewerSince == CalendarDate("2022-01-10"))
        let suspended = try #require(byId["O-1004"]?.certificates.first)
        #expect(suspended.status == .suspended)
        #expect(suspended.since == CalendarDate("2024-06-01"))
    }

    @Test func readsTieredMultipleAndImplicitTierBenchmarks() throws {
        let set = try reader.readBenchmarks(Repository.samples.appendingPathComponent("benchmarks/WH-SJJ.xml"))
        #expect(set.agency == "WH-SJJ")
        #expect(set.effective == CalendarDate("2023-01-01"))
        let food = try #require(set.items.first { $0.code == "SJ-SP-124-1" })
        #expect(food.tiers.count == 2)
        #expect(!food.implicitTier)
        #expect(food.lifeHealthFinance)
        #expect(food.tiers[0].below == Money(yuan: 10000))
        #expect(food.tiers[1].atLeast == Money(yuan: 10000))
        #expect(food.tiers[1].levels[1] == Level(name: "一般", band: Band(min: .multiple(Multiple(text: "13")!), max: .multiple(Multiple(text: "17")!))))
        let licence = try #require(set.items.first { $0.code == "SJ-DJ-48" })
        #expect(licence.implicitTier)
        #expect(licence.noPenaltyIfFirstMinor)
        #expect(licence.tiers.count == 1)
        #expect(licence.tiers[0].levels.map(\.name) == ["不予处罚", "从轻", "一般", "从重"])
        let ads = try #require(set.items.first { $0.code == "SJ-GG-58" })
        #expect(ads.tiers[0].levels[1].band.max == .multiple(Multiple(tenThousandths: 35_000)))
    }

    @Test func streamsEveryCaseOfABatchWithItsLine() throws {
        var seen: [(String, Int)] = []
        let count = try reader.readCases(Repository.samples.appendingPathComponent("cases/WH-HBJ-batch-2024-2026.xml")) { c, line in
            seen.append((c.id, line))
        }
        #expect(count == 5)
        #expect(seen.map(\.0) == ["WH-HBJ-2024-0018", "WH-HBJ-2024-0019", "WH-HBJ-2024-0102", "WH-HBJ-2025-0124", "WH-HBJ-2026-0213"])
        #expect(seen[0].1 == 5)
    }

    @Test func readsEveryPartOfACase() throws {
        var found: EnforcementCase?
        try reader.readCases(Repository.samples.appendingPathComponent("cases/WH-SJJ-2024-0117.xml")) { c, _ in found = c }
        let c = try #require(found)
        #expect(c.type == .penalty && c.procedure == .general && !c.declaredMajor)
        #expect(c.party.firstOffence && c.party.corrected && !c.party.harm)
        #expect(c.matter?.item == "SJ-SP-124-1")
        #expect(c.events.map(\.kind) == [.discovered, .filed, .inspection, .notice, .legalReview, .decision, .delivery, .execution, .closed])
        #expect(c.events[3].hearingRights == false)
        #expect(c.events[4].reviewer == "R-01" && c.events[4].result == .approved)
        #expect(c.decision?.number == "芜市监处罚〔2024〕117号")
        #expect(c.events[2].records[1].evidence == .ok)
        #expect(c.outcome?.penalties == [Penalty(kind: .warning), Penalty(kind: .fine, amount: Money(yuan: 60000))])
        #expect(c.outcome?.bases == [BaseAmount(name: "goods-value", amount: Money(yuan: 3200))])
        #expect(c.outcome?.discretion == Discretion(level: "从轻", reason: "初次违法且主动改正"))
        #expect(c.disclosure?.date == CalendarDate("2024-04-03"))
    }

    @Test func tellsTheDocumentKindByItsRoot() throws {
        #expect(try CaseFileReader.kind(of: Repository.samples.appendingPathComponent("registry.xml")) == .registry)
        #expect(try CaseFileReader.kind(of: Repository.samples.appendingPathComponent("benchmarks/WH-CGJ.xml")) == .benchmarks)
        #expect(try CaseFileReader.kind(of: Repository.samples.appendingPathComponent("cases/WH-HBJ-batch-2024-2026.xml")) == .cases)
        let folder = try TemporaryFolder()
        let foreign = try folder.write("foreign.xml", "<case xmlns=\"urn:other\"/>")
        #expect { try CaseFileReader.kind(of: foreign) } throws: { error in
            "\(error)".contains("foreign.xml 第1行：根元素 <case>（命名空间“urn:other”）不是 Zhifa 的名录、裁量基准或案件文档")
        }
    }
}
