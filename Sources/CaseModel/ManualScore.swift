/// A reviewer's judgment on a manual checklist item of one case (案卷评查 by hand): the store
/// keeps it, the engine deducts it. One type for both, so no layer maps it field by field.
public struct ManualScore: Sendable, Equatable, Codable {
    /// The checklist's manual item id.
    public var item: String
    /// Points taken off, as the reviewer entered them (bounded by the item's maximum when scored).
    public var deduction: Double
    public var note: String
    /// The reviewer's account name.
    public var reviewer: String
    /// ISO 8601, UTC.
    public var at: String

    public init(item: String, deduction: Double, note: String, reviewer: String, at: String) {
        self.item = item
        self.deduction = deduction
        self.note = note
        self.reviewer = reviewer
        self.at = at
    }
}
