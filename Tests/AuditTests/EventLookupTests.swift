import CaseModel
import Testing
import WorkCalendar

/// The look-ups the rules make through a case's events (`EventLookups.swift`) answer as the
/// sequence methods they replace would.
@Suite struct EventLookupTests {
    private func event(_ kind: EventKind, _ day: Int, number: String? = nil) -> Event {
        Event(kind: kind, date: CalendarDate(year: 2024, month: 3, day: day)!, number: number)
    }

    @Test func firstLastAllAndContainsAnswerAsTheSequenceMethods() {
        let events = [
            event(.filed, 1), event(.notice, 5, number: "一"), event(.decision, 9, number: "甲"), event(.notice, 12, number: "二"),
            event(.decision, 15, number: "乙")
        ]
        for kind in EventKind.allCases {
            #expect(events.first(kind) == events.first { $0.kind == kind })
            #expect(events.last(kind) == events.last { $0.kind == kind })
            #expect(events.all(kind) == events.filter { $0.kind == kind })
            #expect(events.contains(kind) == events.contains { $0.kind == kind })
        }
        #expect(events.first(.decision)?.number == "甲")
        #expect(events.last(.notice)?.number == "二")
        #expect(events.all(.notice).map(\.number) == ["一", "二"])
        #expect(!events.contains(.closed))
        #expect([Event]().first(.decision) == nil && [Event]().all(.decision).isEmpty && ![Event]().contains(.filed))
    }
}
