public import Hummingbird
import NIOCore

/// A stand-in remote schema that only answers introspection, with `type Query { hello: String }`:
/// enough for metadata that names remote schemas to be consistent. `POST /graphql`.
public enum IntrospectionOnlyServer {
    /// The introspection answer, as JSON text.
    public static let answer = #"""
        {"data": {"__schema": {"queryType": {"name": "Query"}, "mutationType": null, "subscriptionType": null,
          "directives": [],
          "types": [
            {"kind": "OBJECT", "name": "Query", "description": null, "interfaces": [], "enumValues": null,
             "inputFields": null, "possibleTypes": null,
             "fields": [{"name": "hello", "description": null, "args": [], "isDeprecated": false,
                         "deprecationReason": null, "type": {"kind": "SCALAR", "name": "String", "ofType": null}}]},
            {"kind": "SCALAR", "name": "String", "description": null, "fields": null, "interfaces": null,
             "enumValues": null, "inputFields": null, "possibleTypes": null}]}}}
        """#

    public static func start() async throws -> LocalHTTPServer {
        let router = Router()
        router.post("/graphql") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer)))
        }
        return try await LocalHTTPServer.start(router: router)
    }
}
