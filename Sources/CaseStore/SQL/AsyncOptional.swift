/// What `??` and `flatMap` do, for the store's bodies whose fallback or transform is awaited.
extension Optional {
    /// `self ?? fallback()` for a fallback that must be awaited (`??` takes no `async` operand).
    func asyncOr(_ fallback: () async throws -> Wrapped) async rethrows -> Wrapped {
        if let value = self { return value }
        return try await fallback()
    }

    /// `self.flatMap(transform)` for a transform that must be awaited.
    func asyncFlatMap<Other>(_ transform: (Wrapped) async throws -> Other?) async rethrows -> Other? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
