import CaseXML
import Testing

@testable import CaseStore

/// PostgreSQL's migrations are frozen once shipped, as SQLite's are (`MigrationTests`): they carry
/// the same identifiers, and each one's text is held to the digest it shipped with. A new need is a
/// new migration in both schemas, with its digest added here.
@Suite struct PostgresMigrationTests {
    static let shipped: [(identifier: String, sha256: String)] = [
        ("v1: registry, benchmarks, cases, history, journal", "92d55c6e5014cbc55934116d34f720fe944b3a781a5052999a4708fc1bd02061"),
        ("v2: manual scores and audit runs", "b14ca379fa9851a23ef4040beecd67bf03104c0026d5ce16089e56c28ce83960"),
        ("v3: user accounts", "503c6e94f6b8f15f38ae58107950beb85bb24aba4f4b14cf08e69a336366b861"),
        ("v4: evidence belongs to the agency that uploaded it", "79f06f1f2c26769107d9d58af97d8e6b8c0d356fc3f2a326fd7e48c710f1e9fa"),
        ("v5: web sessions, failed sign-ins and the sign-in key", "0032a7b028ef57dcdad12a6fe543fb9fdb14bfc1c25917ff462fdc3eff733491"),
        ("v6: what an incremental audit reuses", "ff428fb684eb6d6d6e9738bb561c1c247a70de4141b0110cb47138caf3f6ea69"),
        ("v7: audit runs shared by workers", "6013bbb70f5eb1ee8678aec5a30b568366862a68b3aa7b8ff6160af8f9aeaa52"),
        ("v8: a reused result points at the run that judged it", "382337b07021d991707983aab829b6462cff9abfd15d454958cf3a80f89c2bd2"),
        ("v9: a run holds only what differs from its base run", "5f6c668fcc39603da6b2109869f0c6e7e800eb477f1e1f22ed857380623404f5"),
        ("v10: a run's totals by agency and grade", "6d9c4006ed7dc7f98a357523ebedd8f5de251c4d847a8efa9703adeec1b7f099"),
        ("v11: events and records clustered by case", "231a307c97f0e046d048dc1c2a10d009048adf27a7ed603703642bbed28638a5"),
        ("v12: long work started from the web as jobs", "f15b96d7272572341364327a18e39bb634bc8e0f6d8d7287eb7776d71b605ba9"),
        ("v13: large imports staged in short transactions", "38895a5cceaf5de98b953194b6deff1498a7fc5abb501f81c9303e5ad829db92"),
        ("v14: listings in the order they are shown", "54833cc6ad97e20ab2f6de86cdf8267557b6c7c7c73fa1d3c2ef8bad0a933ba7"),
        ("v15: open obligations indexed by deadline", "32fc1e529ccf3191d0b49efae1496506382f5f323f44f6ca4c0348dac00ea897"),
        ("v16: figures counted over a whole run", "fe42debcefa1b07574cd9cf2d6140f29395685da82614c5421bba328d1a3a5e9"),
        ("v17: decisions counted by agency and month", "2b22d8addf576debdbfc9d0b95d1f1d90f92d053d051b7554f4cb0d6b114c715"),
        ("v18: a run's results in the order of their scores", "2aa4fecdf2be115d39d098dea98f267a8522d3cda716c35e7dee0fc025d52a7c"),
        ("v19: what a search finds a case by", "3a3993d32f7727eab7c43de129cc5728674cdf8333218b1237d771a7b1d21bda"),
        ("v20: parties by name", "8a74e5af631a84a3fb8ee527e456f4dac441d4930f794941fe7f8d18a64552b0"),
        ("v21: event ids an import holds before it locks", "06321c0be69635a5dd48c851218bee85cf549437601592faf7052ec61d055669"),
        ("v22: the file a job works on", "e1fad4b1226cc5306f6c1b72272861000cbbc547f4ef0be047157d8cd3816408"),
        ("v23: review campaigns and their draws", "4af13149fcb46868d2e8d0b0b48959dd307370f329e4ffcc47f130dea390ff5a"),
        ("v24: powers, rulings and published 双公示 lists", "1770f003c0f400b56e5b74ba1096d5bbc7331e91dbb1c71de91348a62d1ed449"),
        ("v25: the text of attached documents", "3e826928ab765741bf8078106b250d329b6d51432c317a0f5d4975cdbf187c1a"),
        ("v26: the journal's imports of references", "49818aae37466ccb3c688450481dffe0e82a7f4dc37358b99d4a3973b64904e4"),
        ("v27: what a checklist's results share", "e6dd9efd7b9a80cc9a050fd2951107f24bfc6a294b3960c2e839a4a869724ecb"),
        ("v28: where a run's comparison with the last may start", "0b74628cced9d964f166d3dae93ae9d01aba572c6db0ca307bddf9c9aabcc9db")
    ]

    @Test func shippedMigrationsAreUnchangedAndNamedAsSQLitesAre() {
        #expect(PostgresSchema.migrations.map(\.identifier) == Schema.migrator.migrations)
        #expect(PostgresSchema.migrations.count == Self.shipped.count, "a new migration's digest is added here")
        for (migration, shipped) in zip(PostgresSchema.migrations, Self.shipped) {
            #expect(migration.identifier == shipped.identifier)
            #expect(Hex.sha256(migration.sql) == shipped.sha256, "\(migration.identifier) was edited after it shipped")
        }
    }

    @Test func migrationsApplyOnceOnFirstUse() throws {
        let location = try ThrowawayPostgres.newDatabase()
        let first = try CaseStore(location: location)
        _ = first.importPaths([Repository.samples.appendingPathComponent("registry.xml").path], actor: "test")
        let again = try CaseStore(location: location)
        let applied = try again.read { try await $0.fetchValues(String.self, "SELECT identifier FROM schemaMigration ORDER BY identifier") }
        #expect(applied == Schema.migrator.migrations.sorted())
        #expect(try again.registry().officers.count == 17, "opening again keeps what was stored")
    }
}
