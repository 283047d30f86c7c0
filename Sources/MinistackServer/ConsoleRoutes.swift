import Foundation
import HTTPTypes
import Hummingbird
import MinistackConsole

/// `/console` and everything under it, from the files embedded in the binary.
enum ConsoleRoutes {
    static func add(to router: Router<MinistackRequestContext>, responder: ConsoleResponder = ConsoleResponder()) {
        let handler: @Sendable (Request, MinistackRequestContext) async throws -> Response = { request, _ in
            let path = String(request.uri.path.dropFirst("/console".count))
            let answer = responder.answer(
                path: path, ifNoneMatch: request.headers[.ifNoneMatch], acceptEncoding: request.headers[.acceptEncoding]
            )
            var fields = HTTPFields()
            for (name, value) in answer.headers.sorted(by: { $0.key < $1.key }) {
                if let name = HTTPField.Name(name) { fields[name] = value }
            }
            return Response(
                status: .init(code: answer.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        router.get("/console", use: handler)
        router.get("/console/**", use: handler)
    }
}
