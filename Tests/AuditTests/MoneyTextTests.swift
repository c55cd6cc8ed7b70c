import CaseModel
import Testing

/// Amounts as the interchange format writes them and as people read them, on both sides of each
/// place where a digit, a decimal or a separator appears.
@Suite struct MoneyTextTests {
    @Test(
        arguments: [
            (0, "0", "0"), (5, "0.05", "0.05"), (50, "0.5", "0.5"), (99, "0.99", "0.99"), (100, "1", "1"),
            (99_900, "999", "999"), (100_000, "1000", "1,000"), (123_450, "1234.5", "1,234.5"),
            (99_999_999, "999999.99", "999,999.99"), (100_000_000, "1000000", "1,000,000"),
            (-123_456, "-1234.56", "-1,234.56"), (-100, "-1", "-1"),
            (Int64.max, "92233720368547758.07", "92,233,720,368,547,758.07"),
            (Int64.min, "-92233720368547758.08", "-92,233,720,368,547,758.08")
        ] as [(Int64, String, String)])
    func writesYuanPlainAndGrouped(fen: Int64, plain: String, grouped: String) {
        let money = Money(fen: fen)
        #expect(money.yuanText == plain)
        #expect(money.groupedText == grouped)
        #expect(money.description == grouped + "元")
        if fen >= 0, fen < 100_000_000_000_000 { #expect(Money(yuanText: plain) == money) }
    }
}
