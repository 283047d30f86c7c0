public import Hummingbird
public import MinistackCore

/// The per-request context: Hummingbird's storage plus the session the auth middleware resolved.
///
/// Lives for one request; `session` is nil only before `SessionMiddleware` ran.
public struct MinistackRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: Session?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        session = nil
    }

    /// GraphQL documents and variables can be large; metadata bodies larger still.
    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}
