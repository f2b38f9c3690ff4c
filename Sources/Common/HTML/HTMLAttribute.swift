extension HTMLBuilder {
    /// An attribute: a name given as a literal and a value escaped when written. A nil value
    /// writes a boolean attribute (`required`); `flag` and `optional` may write nothing.
    public struct Attribute: Sendable {
        /// The attribute's name, a literal.
        public var name: StaticString
        /// The value, escaped when written; nil for a boolean attribute.
        public var value: String?
        /// Whether the attribute is written at all.
        public var present = true

        /// `name="value"`, or the boolean attribute `name` when `value` is nil.
        public init(_ name: StaticString, _ value: String?) {
            self.name = name
            self.value = value
        }

        /// A boolean attribute, written only when `condition` holds.
        public static func flag(_ name: StaticString, _ condition: Bool) -> Attribute {
            var attribute = Attribute(name, nil)
            attribute.present = condition
            return attribute
        }

        /// An attribute written only when `value` is not nil.
        public static func optional(_ name: StaticString, _ value: String?) -> Attribute {
            var attribute = Attribute(name, value)
            attribute.present = value != nil
            return attribute
        }
    }
}
