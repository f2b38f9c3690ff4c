/// A definition some of a round's responses were answered under, and how many: a round whose
/// definition was mended while it collected holds responses of each version.
public struct DefinitionUse: Hashable, Sendable {
    public var hash: String
    public var version: String
    public var responses: Int

    public init(hash: String, version: String, responses: Int) {
        self.hash = hash
        self.version = version
        self.responses = responses
    }
}
