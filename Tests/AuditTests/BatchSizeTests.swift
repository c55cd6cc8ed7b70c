import Testing

@testable import AuditRuns

/// A run reads and writes its cases in batches that overlap the auditing: a large run in batches
/// of the most it may take, a small one in about sixteen, never fewer than 32 cases a batch.
@Suite struct BatchSizeTests {
    @Test func aRunIsCutIntoAboutSixteenBatchesWhenItIsSmall() {
        #expect(AuditRunner.batchSize(auditing: 100_000, atMost: 512) == 512)
        #expect(AuditRunner.batchSize(auditing: 512 * 16, atMost: 512) == 512)
        #expect(AuditRunner.batchSize(auditing: 512 * 16 - 16, atMost: 512) == 511)
        #expect(AuditRunner.batchSize(auditing: 2_428, atMost: 512) == 151)
        #expect(AuditRunner.batchSize(auditing: 32 * 16, atMost: 512) == 32)
        #expect(AuditRunner.batchSize(auditing: 100, atMost: 512) == 32)
        #expect(AuditRunner.batchSize(auditing: 0, atMost: 512) == 32)
        // A caller's smaller most (a test's batches of 7) is kept.
        #expect(AuditRunner.batchSize(auditing: 100, atMost: 7) == 7)
        #expect(AuditRunner.batchSize(auditing: 100, atMost: 0) == 1)
    }
}
