import MinistackCore
import MinistackTesting
import OrderedCollections
import Testing

/// `pg_create_event_trigger`, `pg_delete_event_trigger` and `pg_invoke_event_trigger` (and the
/// `sqlite_` names), on both databases.
@Suite("Metadata API: event triggers")
struct MetadataEventTriggersAPITests {
    static func call(_ server: ExampleServer, _ type: String, _ arguments: String) async throws -> (
        status: Int, body: JSONValue
    ) {
        try await MetadataOperationTests.call(server, type, arguments)
    }

    static func table(_ name: String, _ kind: DatabaseKind) -> String { MetadataOperationTests.table(name, kind) }

    static func triggers(_ server: ExampleServer, on table: String) async throws -> JSONValue? {
        let (_, exported) = try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#)
        return exported["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.first {
            $0["table"]?["name"] == .string(table)
        }?[
            "event_triggers"]
    }

    static func error(_ code: String, _ message: String, path: String = "$.args") -> JSONValue {
        .fields([("path", .string(path)), ("error", .string(message)), ("code", .string(code))])
    }

    @Test(
        "a trigger is stored as Hasura exports it, replaced, refused twice, and deleted",
        arguments: [DatabaseKind.sqlite, .postgres])
    func lifecycle(_ kind: DatabaseKind) async throws {
        let server = try await ExampleServer.isolated(kind)
        let p = MetadataOperationTests.prefix(kind)
        let create = #"""
            {"table": \#(Self.table("article", kind)), "name": "article_changed", "webhook": "http://hooks.local/article",
             "insert": {"columns": "*"}, "update": {"columns": ["title", "published"]}, "enable_manual": true,
             "retry_conf": {"num_retries": 3, "interval_sec": 10, "timeout_sec": 60},
             "headers": [{"value": "ministack", "name": "x-source"}]}
            """#
        #expect(try await Self.call(server, "\(p)_create_event_trigger", create).status == 200)
        #expect(
            try await Self.triggers(server, on: "article")?.serialized
                == #"[{"name":"article_changed","definition":{"enable_manual":true,"insert":{"columns":"*"},"update":{"columns":["title","published"]}},"retry_conf":{"interval_sec":10,"num_retries":3,"timeout_sec":60},"webhook":"http://hooks.local/article","headers":[{"name":"x-source","value":"ministack"}]}]"#
        )
        #expect(
            try await Self.call(server, "\(p)_create_event_trigger", create).body
                == Self.error("already-exists", "Event trigger with name \"article_changed\" already exists"))

        let replace =
            #"{"table": \#(Self.table("article", kind)), "name": "article_changed", "webhook_from_env": "HOME", "delete": {"columns": "*"}, "replace": true}"#
        let (replaced, body) = try await Self.call(server, "\(p)_create_event_trigger", replace)
        #expect(replaced == 400, "HOME is not in the test server's environment: \(body)")
        let literal =
            #"{"table": \#(Self.table("article", kind)), "name": "article_changed", "webhook": "http://hooks.local/deleted", "delete": {"columns": "*"}, "replace": true}"#
        #expect(try await Self.call(server, "\(p)_create_event_trigger", literal).status == 200)
        #expect(
            try await Self.triggers(server, on: "article")?.serialized
                == #"[{"name":"article_changed","definition":{"delete":{"columns":"*"},"enable_manual":false},"retry_conf":{"interval_sec":10,"num_retries":0,"timeout_sec":60},"webhook":"http://hooks.local/deleted"}]"#
        )
        let elsewhere =
            #"{"table": \#(Self.table("tag", kind)), "name": "article_changed", "webhook": "http://h", "delete": {"columns": "*"}, "replace": true}"#
        #expect(
            try await Self.call(server, "\(p)_create_event_trigger", elsewhere).body
                == Self.error("not-supported", "cannot replace table or schema for trigger"))

        #expect(try await Self.call(server, "\(p)_delete_event_trigger", #"{"name": "article_changed"}"#).status == 200)
        #expect(try await Self.triggers(server, on: "article") == nil)
        #expect(
            try await Self.call(server, "\(p)_delete_event_trigger", #"{"name": "article_changed"}"#).body
                == Self.error("not-exists", "event trigger \"article_changed\" does not exist"))
        await server.shutdown()
    }

    @Test(
        "arguments Hasura refuses are refused with its message",
        arguments: [
            (
                #""name": "bad name", "webhook": "http://h", "insert": {"columns": "*"}"#, "parse-failed",
                "only alphanumeric and underscore and hyphens allowed for name"
            ),
            (
                #""name": "a_very_long_trigger_name_that_goes_past_the_limit", "webhook": "http://h", "insert": {"columns": "*"}"#,
                "parse-failed", "event trigger name can be at most 42 characters"
            ),
            (
                #""name": "t", "webhook": "http://h""#, "parse-failed",
                "atleast one amongst insert/update/delete/enable_manual spec must be provided"
            ),
            (#""name": "t", "insert": {"columns": "*"}"#, "parse-failed", "must provide webhook or webhook_from_env"),
            (
                #""name": "t", "webhook": "http://h", "webhook_from_env": "H", "insert": {"columns": "*"}"#,
                "parse-failed",
                "only one of webhook or webhook_from_env should be given"
            ),
            (
                #""name": "t", "webhook": "http://h", "update": {"columns": []}"#, "parse-failed",
                "found empty column specification"
            ),
            (
                #""name": "t", "webhook": "http://h", "update": {"columns": ["nope"]}"#, "not-exists",
                "column \"nope\" does not exist"
            ),
            (
                #""name": "t", "webhook": "{{EVENTS_URL}}/t", "insert": {"columns": "*"}"#, "invalid-configuration",
                "in event_trigger t in table main.article in source default: Value for environment variables not found: EVENTS_URL"
            ),
        ])
    func refused(arguments: String, code: String, message: String) async throws {
        let server = try await ExampleServer.shared(.sqlite)
        let (status, body) = try await Self.call(
            server, "sqlite_create_event_trigger", #"{"table": {"name": "article"}, \#(arguments)}"#)
        #expect(status == 400)
        #expect(body == Self.error(code, message))
    }

    @Test("a trigger needs a tracked table in an existing source")
    func missingTable() async throws {
        let server = try await ExampleServer.shared(.postgres)
        #expect(
            try await Self.call(
                server, "pg_create_event_trigger",
                #"{"table": {"name": "ghost", "schema": "public"}, "name": "t", "webhook": "http://h", "insert": {"columns": "*"}}"#
            ).body == Self.error("not-exists", "table \"ghost\" is not tracked", path: "$.args.table"))
        #expect(
            try await Self.call(
                server, "pg_create_event_trigger",
                #"{"source": "elsewhere", "table": {"name": "tag", "schema": "public"}, "name": "t", "webhook": "http://h", "insert": {"columns": "*"}}"#
            ).body == Self.error("not-exists", "source with name \"elsewhere\" does not exist", path: "$.args.source"))
    }

    @Test("invoking a trigger is checked, then writes a MANUAL event")
    func invoke() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        for (name, manual) in [("manual_one", true), ("automatic_one", false)] {
            let create =
                #"{"table": {"name": "tag"}, "name": "\#(name)", "webhook": "http://h", "insert": {"columns": "*"}, "enable_manual": \#(manual)}"#
            #expect(try await Self.call(server, "sqlite_create_event_trigger", create).status == 200)
        }
        #expect(
            try await Self.call(server, "sqlite_invoke_event_trigger", #"{"name": "nope", "payload": {}}"#).body
                == Self.error("not-exists", "event trigger \"nope\" does not exist"))
        #expect(
            try await Self.call(server, "sqlite_invoke_event_trigger", #"{"name": "automatic_one", "payload": {}}"#)
                .body
                == Self.error("not-supported", "manual mode is not enabled for event trigger"))
        #expect(
            try await Self.call(server, "sqlite_invoke_event_trigger", #"{"name": "manual_one"}"#).body
                == Self.error("parse-failed", "key \"payload\" not found"))
        let (status, invoked) = try await Self.call(
            server, "sqlite_invoke_event_trigger", #"{"name": "manual_one", "payload": {"id": 1}}"#)
        #expect(status == 200)
        let eventID = try #require(invoked["event_id"]?.stringValue)
        #expect(eventID.count == 36)
        let stored = try await EventDeliveryTests.runSQL(
            server, "SELECT op, data, session_variables FROM ministack_event_log WHERE id = '\(eventID)'")
        #expect(
            stored["result"]?.arrayValue?.last
                == .array([
                    .string("MANUAL"), .string(#"{"old":null,"new":{"id":1}}"#), .string(#"{"x-hasura-role":"admin"}"#),
                ]))
        await server.shutdown()
    }
}

@Suite("Metadata API: bulk and inconsistencies across event triggers, actions and remote schemas")
struct MetadataObjectsBulkTests {
    /// The new calls, the remote schema at `remote` (which must answer introspection).
    static func calls(remote: String) -> [String] {
        [
            #"{"type": "set_custom_types", "args": {"objects": [{"name": "Result", "fields": [{"name": "ok", "type": "Boolean!"}]}]}}"#,
            #"{"type": "create_action", "args": {"name": "ping", "definition": {"handler": "http://h.local/ping", "output_type": "Result"}}}"#,
            #"{"type": "create_action_permission", "args": {"action": "ping", "role": "user"}}"#,
            #"{"type": "sqlite_create_event_trigger", "args": {"table": {"name": "tag"}, "name": "tag_added", "webhook": "http://h.local/tag", "insert": {"columns": "*"}}}"#,
            #"{"type": "add_remote_schema", "args": {"name": "remote", "definition": {"url": "\#(remote)"}}}"#,
        ]
    }

    static func export(_ server: ExampleServer) async throws -> JSONValue {
        try await MetadataAPITests.call(server, #"{"type": "export_metadata", "args": {}}"#).body
    }

    @Test("a bulk of the new calls applies all of them or none")
    func atomic() async throws {
        let remote = try await IntrospectionOnlyServer.start()
        defer { remote.stop() }
        let calls = Self.calls(remote: remote.baseURL + "/graphql")
        let server = try await ExampleServer.isolated(.sqlite)
        let before = try await Self.export(server)
        let failing = #"{"type": "bulk", "args": [\#((calls + [calls[1]]).joined(separator: ", "))]}"#
        let (status, body) = try await MetadataAPITests.call(server, failing)
        #expect(status == 400)
        #expect(
            body
                == .fields([
                    ("path", .string("$.args[5].args")), ("error", .string("action with name \"ping\" already exists")),
                    ("code", .string("already-exists")),
                ]))
        #expect(try await Self.export(server) == before)

        let unresolvable = #"{"type": "bulk", "args": [\#(calls.dropFirst().joined(separator: ", "))]}"#
        let (refused, why) = try await MetadataAPITests.call(server, unresolvable)
        #expect(refused == 400)
        #expect(why["code"] == .string("invalid-configuration"))
        #expect(try await Self.export(server) == before)

        let working = #"{"type": "bulk", "args": [\#(calls.joined(separator: ", "))]}"#
        let (okStatus, answers) = try await MetadataAPITests.call(server, working)
        #expect(okStatus == 200)
        #expect(answers.arrayValue?.count == 5)
        let after = try await Self.export(server)
        #expect(after["actions"]?.arrayValue?.first?["permissions"]?.arrayValue?.count == 1)
        #expect(after["remote_schemas"]?.arrayValue?.first?["name"] == .string("remote"))
        let tag = after["sources"]?.arrayValue?.first?["tables"]?.arrayValue?.first {
            $0["table"]?["name"] == .string("tag")
        }
        #expect(tag?["event_triggers"]?.arrayValue?.first?["name"] == .string("tag_added"))
        await server.shutdown()
    }

    @Test("inconsistent objects are reported in Hasura's shape and dropped by drop_inconsistent_metadata")
    func dropInconsistent() async throws {
        let server = try await ExampleServer.isolated(.sqlite)
        var metadata = try #require(try await Self.export(server).objectValue)
        var source = try #require(metadata["sources"]?.arrayValue?.first?.objectValue)
        var tables = try #require(source["tables"]?.arrayValue)
        let tagIndex = try #require(tables.firstIndex { $0["table"]?["name"] == .string("tag") })
        var tag = try #require(tables[tagIndex].objectValue)
        tag["event_triggers"] = try JSONParser.parse(
            #"[{"name": "tag_renamed", "definition": {"enable_manual": false, "update": {"columns": ["label"]}}, "retry_conf": {"interval_sec": 10, "num_retries": 0, "timeout_sec": 60}, "webhook": "http://h.local"}]"#
        )
        tables[tagIndex] = .object(tag)
        source["tables"] = .array(tables)
        metadata["sources"] = .array([.object(source)])
        metadata["actions"] = try JSONParser.parse(
            #"[{"name": "ping", "definition": {"handler": "{{PING_URL}}", "output_type": "Result", "type": "query"}}]"#)
        metadata["custom_types"] = try JSONParser.parse(
            #"{"objects": [{"name": "Result", "fields": [{"name": "ok", "type": "Boolean!"}]}]}"#)
        metadata["remote_schemas"] = try JSONParser.parse(
            #"[{"name": "remote", "definition": {"url_from_env": "REMOTE_URL"}}]"#)
        let replace = JSONValue.fields([
            ("type", .string("replace_metadata")), ("version", .number("2")),
            ("args", .fields([("allow_inconsistent_metadata", .bool(true)), ("metadata", .object(metadata))])),
        ])
        #expect(try await MetadataAPITests.call(server, replace.serialized).status == 200)

        let (_, report) = try await MetadataAPITests.call(server, #"{"type": "get_inconsistent_metadata", "args": {}}"#)
        #expect(report["is_consistent"] == .bool(false))
        let objects = try #require(report["inconsistent_objects"]?.arrayValue)
        #expect(
            objects.map { [$0["type"], $0["name"], $0["reason"]] } == [
                [
                    .string("event_trigger"), .string("event_trigger tag_renamed in table main.tag in source default"),
                    .string("column \"label\" does not exist in table main.tag"),
                ],
                [
                    .string("action"), .string("action ping"),
                    .string("Value for environment variables not found: PING_URL"),
                ],
                [
                    .string("remote_schema"), .string("remote_schema remote"),
                    .string("environment variable 'REMOTE_URL' not set"),
                ],
            ])
        #expect(objects.allSatisfy { $0.objectValue?.keys.elements == ["definition", "name", "reason", "type"] })
        #expect(objects[1]["definition"]?["definition"]?["handler"] == .string("{{PING_URL}}"))

        #expect(
            try await MetadataAPITests.call(server, #"{"type": "drop_inconsistent_metadata", "args": {}}"#).status
                == 200)
        let (_, after) = try await MetadataAPITests.call(server, #"{"type": "get_inconsistent_metadata", "args": {}}"#)
        #expect(after["is_consistent"] == .bool(true))
        let exported = try await Self.export(server)
        #expect(exported["actions"] == nil)
        #expect(exported["remote_schemas"] == nil)
        #expect(exported["custom_types"]?["objects"]?.arrayValue?.count == 1)
        await server.shutdown()
    }
}
