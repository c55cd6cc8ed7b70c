import CaseModel

/// The facts of one case that supervision counts (公示、音像记录、法制审核), judged with the audit
/// from the case as it stood on the as-of date and stored with it. Scorecards read these and
/// never look at the live case again, so a report has one source.
public struct CaseIndicators: Codable, Sendable, Equatable {
    /// The date the case counts under in a year's figures: its decision, else its first event.
    public var countedOn: CalendarDate?
    public var decided: Bool
    public var major: Bool
    /// A decided case with a disclosure due or made: whether it was disclosed on time.
    /// Nil when nothing is counted yet (no decision, or not disclosed and not yet late).
    public var disclosedOnTime: Bool?
    /// A decided major case: whether a legal review approved it. Nil otherwise.
    public var legalReviewApproved: Bool?
    /// Seizures, their extensions and demolitions (执法全过程记录 asks audio-video of them).
    public var sensitiveActs: Int
    /// Of those, the acts with an audio-video record.
    public var sensitiveActsRecorded: Int
    /// The latest 行政复议 decision's ruling by the as-of day; nil when none (format 1.1).
    public var reconsideration: Ruling?
    /// The latest 行政诉讼 judgment's ruling by the as-of day; nil when none (format 1.1).
    public var judgment: Ruling?

    /// Acts that must be recorded on audio-video.
    public static let sensitiveKinds: Set<EventKind> = [.seizure, .seizureExtended, .demolition]

    /// Counts from the context the rules judged and the failures they found.
    public init(_ context: AuditContext, failures: [Finding]) {
        let c = context.enforcementCase
        let events = c.events
        countedOn = context.decision?.date ?? events.indices.lazy.map { events[$0].date }.min()
        decided = context.decision != nil
        major = context.isMajor
        let late = failures.contains {
            $0.status == .fail
                && ($0.source == .rule(.discloseLate) || $0.source == .rule(.discloseMissing) || $0.source == .rule(.discloseUnpublished))
        }
        let disclosed = c.disclosure?.date != nil || c.disclosure?.exempt != nil
        disclosedOnTime = decided && (late || disclosed) ? !late : nil
        legalReviewApproved =
            decided && major
            ? events.indices.contains { events[$0].kind == .legalReview && events[$0].result == .approved } : nil
        let acts = events.indices.filter { Self.sensitiveKinds.contains(events[$0].kind) }
        sensitiveActs = acts.count
        sensitiveActsRecorded = acts.filter { events[$0].records.contains { $0.kind == .audioVideo } }.count
        reconsideration = events.last(.reconsiderationDecided)?.ruling
        judgment = events.last(.judgment)?.ruling
    }
}
