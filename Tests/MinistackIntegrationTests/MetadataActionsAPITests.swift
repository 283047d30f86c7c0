import MinistackCore
import MinistackTesting
import Testing

/// `create_action`, `update_action`, `drop_action`, the action permissions and `set_custom_types`.
@Suite("Metadata API: actions and custom types")
struct MetadataActionsAPITests {
    static let types = #"""
        {"objects": [{"name": "LoginResponse", "fields": [{"name": "accessToken", "type": "String!"}]}],
         "input_objects": [{"name": "Credentials", "fields": [{"name": "username", "type": "String!"},
                                                            {"name": "password", "type": "String!"}]}],
         "enums": [{"name": "Role", "values": [{"value": "ADMIN"}, {"value": "USER"}]}]}
        """#

    static let login = #"""
        {"name": "login", "comment": "Signs a user in",
         "definition": {"kind": "synchronous", "type": "mutation", "handler": "http://handlers.local/login",
                        "arguments": [{"name": "credentials", "type": "Credentials!"}, {"name": "role", "type": "Role"}],
                        "output_type": "LoginResponse", "timeout": 10,
                        "headers": [{"value": "ministack", "name": "x-client"}]}}
        """#

    static func call(_ server: ExampleServer, _ type: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        try await MetadataOperationTests.call(server, type, arguments)
    }

    static func export(_ server: ExampleServer) async throws -> JSONValue {
        try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#).body
    }

    static let success = JSONValue.fields([("message", .string("success"))])

    @Test("custom types and an action are created, updated, given permissions and dropped")
    func lifecycle() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        #expect(try await Self.call(server, "set_custom_types", Self.types) == (200, Self.success))
        #expect(try await Self.call(server, "create_action", Self.login) == (200, Self.success))
        let exported = try await Self.export(server)
        #expect(
            exported["actions"]?.serialized
                == #"[{"name":"login","definition":{"handler":"http://handlers.local/login","output_type":"LoginResponse","headers":[{"name":"x-client","value":"ministack"}],"arguments":[{"name":"credentials","type":"Credentials!"},{"name":"role","type":"Role"}],"type":"mutation","kind":"synchronous","timeout":10},"comment":"Signs a user in"}]"#
        )
        #expect(
            exported["custom_types"]?["enums"]?.serialized
                == #"[{"name":"Role","values":[{"description":null,"is_deprecated":null,"value":"ADMIN"},{"description":null,"is_deprecated":null,"value":"USER"}]}]"#
        )

        let (twice, clash) = try await Self.call(server, "create_action", Self.login)
        #expect(twice == 400)
        #expect(
            clash
                == .fields([
                    ("path", .string("$.args")), ("error", .string("action with name \"login\" already exists")),
                    ("code", .string("already-exists")),
                ]))

        let update =
            #"{"name": "login", "definition": {"type": "query", "handler": "http://handlers.local/v2/login", "output_type": "LoginResponse"}}"#
        #expect(try await Self.call(server, "update_action", update) == (200, Self.success))
        let updated = try await Self.export(server)["actions"]?.arrayValue?.first
        #expect(
            updated?["definition"]
                == .fields([
                    ("handler", .string("http://handlers.local/v2/login")), ("output_type", .string("LoginResponse")),
                    ("type", .string("query")),
                ]))
        #expect(updated?["comment"] == .string("Signs a user in"))

        let permission = #"{"action": "login", "role": "user", "comment": "anyone may sign in"}"#
        #expect(try await Self.call(server, "create_action_permission", permission) == (200, Self.success))
        #expect(
            try await Self.export(server)["actions"]?.arrayValue?.first?["permissions"]
                == .array([.fields([("role", .string("user")), ("comment", .string("anyone may sign in"))])]))
        let (again, alreadyThere) = try await Self.call(server, "create_action_permission", permission)
        #expect(again == 400)
        #expect(alreadyThere["error"] == .string("permission for role \"user\" is already defined on \"login\""))
        #expect(alreadyThere["code"] == .string("already-exists"))
        let drop = #"{"action": "login", "role": "user"}"#
        #expect(try await Self.call(server, "drop_action_permission", drop) == (200, Self.success))
        let (gone, notThere) = try await Self.call(server, "drop_action_permission", drop)
        #expect(gone == 400)
        #expect(
            notThere
                == .fields([
                    ("path", .string("$.args")),
                    ("error", .string("permission for role: \"user\" is not defined on \"login\"")),
                    ("code", .string("not-exists")),
                ]))

        #expect(
            try await Self.call(server, "drop_action", #"{"name": "login", "clear_data": true}"#) == (200, Self.success)
        )
        #expect(try await Self.export(server)["actions"] == nil)
        #expect(try await Self.export(server)["custom_types"]?["objects"] != nil)
        await server.shutdown()
    }

    @Test(
        "calls on an action that does not exist answer not-exists",
        arguments: [
            ("drop_action", #"{"name": "nope"}"#, "action with name \"nope\" does not exist"),
            (
                "update_action", #"{"name": "nope", "definition": {"handler": "http://h", "output_type": "X"}}"#,
                "action with name \"nope\" not exists"
            ),
            (
                "create_action_permission", #"{"action": "nope", "role": "user"}"#,
                "action with name \"nope\" does not exist"
            ),
            (
                "drop_action_permission", #"{"action": "nope", "role": "user"}"#,
                "action with name \"nope\" does not exist"
            ),
        ])
    func missingAction(type: String, arguments: String, message: String) async throws {
        let (status, body) = try await Self.call(ExampleServer.shared(.sqlite), type, arguments)
        #expect(status == 400)
        #expect(
            body
                == .fields([("path", .string("$.args")), ("error", .string(message)), ("code", .string("not-exists"))]))
    }

    @Test(
        "malformed arguments answer parse-failed where they are wrong",
        arguments: [
            ("create_action", #"{"name": "x"}"#, "$.args", "key \"definition\" not found"),
            (
                "create_action", #"{"name": "x", "definition": {"output_type": "X"}}"#, "$.args.definition",
                "key \"handler\" not found"
            ),
            (
                "create_action",
                #"{"name": "x", "definition": {"handler": "h", "output_type": "X", "type": "subscription"}}"#,
                "$.args.definition.type", "expected mutation or query, but encountered subscription"
            ),
            (
                "create_action", #"{"name": "not valid", "definition": {}}"#, "$.args.name",
                "\"not valid\" is not a valid GraphQL name"
            ),
            ("set_custom_types", #"{"objects": [{"name": "X"}]}"#, "$.args.objects[0]", "key \"fields\" not found"),
            (
                "drop_action", #"{"name": "x", "clear_data": "yes"}"#, "$.args.clear_data",
                "expected Bool, but encountered string"
            ),
        ])
    func parseFailures(type: String, arguments: String, path: String, message: String) async throws {
        let (status, body) = try await Self.call(ExampleServer.shared(.sqlite), type, arguments)
        #expect(status == 400)
        #expect(
            body == .fields([("path", .string(path)), ("error", .string(message)), ("code", .string("parse-failed"))]))
    }

    @Test("an action with unknown types, or a handler naming an unset variable, is refused and nothing changes")
    func inconsistentActions() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        #expect(try await Self.call(server, "set_custom_types", Self.types).status == 200)
        let unknownOutput =
            #"{"name": "whoami", "definition": {"handler": "http://h.local", "output_type": "Me", "type": "query"}}"#
        #expect(
            try await Self.call(server, "create_action", unknownOutput).body
                == .fields([
                    ("path", .string("$.args")),
                    (
                        "error",
                        .string(
                            "in action whoami: the type: \"Me\" is not an object or scalar type defined in custom types"
                        )
                    ),
                    ("code", .string("invalid-configuration")),
                ]))
        let unknownArgument =
            #"{"name": "whoami", "definition": {"handler": "http://h.local", "output_type": "LoginResponse", "arguments": [{"name": "as", "type": "LoginResponse"}]}}"#
        #expect(
            try await Self.call(server, "create_action", unknownArgument).body["error"]
                == .string(
                    "in action whoami: the type: \"LoginResponse\" is not defined in custom types or it is not a scalar/enum/input_object"
                ))
        let unsetHandler =
            #"{"name": "whoami", "definition": {"handler": "{{ACTION_BASE_URL}}/whoami", "output_type": "LoginResponse"}}"#
        #expect(
            try await Self.call(server, "create_action", unsetHandler).body["error"]
                == .string("in action whoami: Value for environment variables not found: ACTION_BASE_URL"))
        #expect(try await Self.export(server)["actions"] == nil)

        #expect(try await Self.call(server, "create_action", Self.login).status == 200)
        let (status, body) = try await Self.call(server, "set_custom_types", #"{"scalars": [{"name": "Credentials"}]}"#)
        #expect(status == 400)
        #expect(body["code"] == .string("invalid-configuration"))
        #expect(try await Self.export(server)["custom_types"]?["objects"]?.arrayValue?.count == 1)
        await server.shutdown()
    }
}
