/// Turns a page's view into a `TemplateValue` through its `Encodable` conformance (what the
/// compiler writes for a struct of stored properties). Optionals left nil are missing; numbers
/// become their text; dictionaries with string keys become objects.
public enum TemplateEncoder {
    public static func value(of view: some Encodable) throws -> TemplateValue {
        let slot = Slot()
        try view.encode(to: SlotEncoder(slot: slot, codingPath: []))
        return slot.value
    }
}

/// One place in the tree under construction: containers fill it as the view encodes itself, and
/// `value` reads the finished tree.
private final class Slot {
    var leaf: TemplateValue = .missing
    var fields: [String: Slot]?
    var items: [Slot]?

    var value: TemplateValue {
        if let fields { return .object(fields.mapValues(\.value)) }
        if let items { return .list(items.map(\.value)) }
        return leaf
    }
}

/// The coding path is never kept: nothing reads it (this encoder throws no errors of its own),
/// and building it cost an array for every value of a page.
private struct SlotEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.fields == nil { slot.fields = [:] }
        return KeyedEncodingContainer(Keyed<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.items == nil { slot.items = [] }
        return Unkeyed(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: slot, codingPath: codingPath) }
}

/// Primitive values are taken here, never asked to encode themselves: the standard containers'
/// methods for the integer types not written out below come back to the generic one, and a
/// primitive encoding itself through it would never end. The common types are told by their type,
/// which costs nothing; a cast to a protocol, which the rest need, is a look-up in the runtime's
/// tables, and a page's view holds hundreds of values.
private func encode<Value: Encodable>(_ value: Value, into slot: Slot, codingPath: [any CodingKey]) throws {
    if Value.self == String.self {
        slot.leaf = .text(unsafeBitCast(value, to: String.self))
    } else if Value.self == Bool.self {
        slot.leaf = .flag(unsafeBitCast(value, to: Bool.self))
    } else if Value.self == Int.self {
        slot.leaf = .text(String(unsafeBitCast(value, to: Int.self)))
    } else if let leaf = leafOfOtherPrimitive(value) {
        slot.leaf = leaf
    } else {
        try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }
}

private func leafOfOtherPrimitive(_ value: some Encodable) -> TemplateValue? {
    switch value {
    case let number as any BinaryInteger: .text(String(describing: number))
    case let number as any BinaryFloatingPoint: .text(String(describing: number))
    default: nil
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    private func child(_ key: Key) -> Slot {
        let child = Slot()
        slot.fields![key.stringValue] = child
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { _ = child(key) }
    mutating func encode(_ value: String, forKey key: Key) throws { child(key).leaf = .text(value) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).leaf = .flag(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { child(key).leaf = .text(String(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { child(key).leaf = .text(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try PageTemplates.encode(value, into: child(key), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: child(key), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: child(key), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { SlotEncoder(slot: child(key), codingPath: codingPath) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int { slot.items!.count }

    private func next() -> Slot {
        let child = Slot()
        slot.items!.append(child)
        return child
    }

    mutating func encodeNil() throws { _ = next() }
    mutating func encode(_ value: String) throws { next().leaf = .text(value) }
    mutating func encode(_ value: Bool) throws { next().leaf = .flag(value) }
    mutating func encode(_ value: Int) throws { next().leaf = .text(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try PageTemplates.encode(value, into: next(), codingPath: codingPath) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: next(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { SlotEncoder(slot: next(), codingPath: codingPath).unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: next(), codingPath: codingPath) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.leaf = .missing }
    mutating func encode(_ value: String) throws { slot.leaf = .text(value) }
    mutating func encode(_ value: Bool) throws { slot.leaf = .flag(value) }
    mutating func encode(_ value: Int) throws { slot.leaf = .text(String(value)) }
    mutating func encode(_ value: Double) throws { slot.leaf = .text(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try PageTemplates.encode(value, into: slot, codingPath: codingPath) }
}
