import Foundation

/// How big a definition may be. Real definitions are far below every limit (the ESEM survey
/// is about 60 KB, 8 levels deep); the limits keep a wrong or hostile file from exhausting
/// memory or the stack.
public struct YAMLLimits: Hashable, Sendable {
    /// The largest file, in bytes.
    public var maxBytes: Int
    /// The deepest nesting of lists and mappings.
    public var maxDepth: Int

    public init(maxBytes: Int, maxDepth: Int) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// The limits for survey, framework and report definitions: 4 MiB, 100 levels.
    public static let definitions = YAMLLimits(maxBytes: 4 * 1024 * 1024, maxDepth: 100)
}
