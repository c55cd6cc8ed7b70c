extension Array where Element == Event {
    // A case's events are looked through many times a case by the rules. An `Event` is a dozen
    // fields, four of them counted references: iterating the array copies every element (four
    // retains and four releases each), so these look at each event in place and copy only the
    // events they return.

    /// The first event of `kind`.
    public func first(_ kind: EventKind) -> Event? {
        for index in indices where self[index].kind == kind { return self[index] }
        return nil
    }

    /// The last event of `kind`.
    public func last(_ kind: EventKind) -> Event? {
        for index in indices.reversed() where self[index].kind == kind { return self[index] }
        return nil
    }

    /// Every event of `kind`, in order.
    public func all(_ kind: EventKind) -> [Event] {
        var found: [Event] = []
        for index in indices where self[index].kind == kind { found.append(self[index]) }
        return found
    }

    /// Whether any event is of `kind`.
    public func contains(_ kind: EventKind) -> Bool { indices.contains { self[$0].kind == kind } }
}
