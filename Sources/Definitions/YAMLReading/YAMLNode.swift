import Diagnostics

/// A node of a parsed YAML document with the position it was written at.
///
/// Scalars keep their source text: an unquoted `no`, `on` or `1.10` stays exactly that,
/// and it is up to the reader of each key to decide what a value means.
public struct YAMLNode: Hashable, Sendable {
    public enum Content: Hashable, Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    public var content: Content
    /// Where the node starts: the first character of a scalar (its quote, if quoted,
    /// or its `|`/`>` indicator), the `-` or `[` of a list, the first key or `{` of a mapping.
    public var location: SourceLocation

    public init(_ content: Content, at location: SourceLocation) {
        self.content = content
        self.location = location
    }

    public var scalar: YAMLScalar? {
        if case .scalar(let s) = content { s } else { nil }
    }

    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { items } else { nil }
    }

    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs) = content { pairs } else { nil }
    }

    /// True for an empty value, `~` or `null` written without quotes.
    public var isNull: Bool { scalar?.isNull ?? false }

    /// "a mapping", "a list", "a single value" or "an empty value", for messages.
    public var kindDescription: String {
        switch content {
        case .scalar(let s): s.isNull ? "an empty value" : "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// A key and its value in a mapping. Keys are usually scalars; a key written as a list
/// or mapping is kept so that it can be reported.
public struct YAMLPair: Hashable, Sendable {
    public var key: YAMLNode
    public var value: YAMLNode

    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

/// A single value as written in the file.
public struct YAMLScalar: Hashable, Sendable {
    public enum Style: String, Hashable, Sendable {
        case plain
        case singleQuoted
        case doubleQuoted
        /// `|`
        case literal
        /// `>`
        case folded
    }

    /// The value after YAML unquoting and folding, never converted to a number or boolean.
    public var text: String
    public var style: Style
    /// An explicit tag such as `!!str`, if the author wrote one.
    public var tag: String?
    /// Where the text itself starts: after an opening quote, or on the first content line
    /// of a block scalar. Expressions use it to turn a column inside the text into a file position.
    public var textLocation: SourceLocation

    public init(text: String, style: Style, tag: String? = nil, textLocation: SourceLocation) {
        self.text = text
        self.style = style
        self.tag = tag
        self.textLocation = textLocation
    }

    public var isQuoted: Bool { style == .singleQuoted || style == .doubleQuoted }

    /// An empty value, `~` or `null` (any case YAML allows), written without quotes or tag.
    public var isNull: Bool {
        style == .plain && tag == nil && ["", "~", "null", "Null", "NULL"].contains(text)
    }
}
