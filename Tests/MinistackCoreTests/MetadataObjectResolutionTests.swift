import MinistackCore
import MinistackTesting
import Testing

/// Event triggers, actions, custom types and remote schemas of the Hasura fixture, resolved
/// against the example catalog: what becomes an inconsistency, and what dropping them removes.
@Suite("Resolving event triggers, actions and remote schemas")
struct MetadataObjectResolutionTests {
    static let environment = [
        "EVENTS_BASE_URL": "http://events.local", "WEBHOOK_SECRET": "s3cret",
        "AUTHOR_WEBHOOK_URL": "http://authors.local",
        "ACTION_BASE_URL": "http://actions.local", "COUNTRIES_GRAPHQL_URL": "http://countries.local/graphql",
        "COUNTRIES_API_KEY": "key", "SEARCH_BASE_URL": "http://search.local",
    ]

    static func fixture() throws -> Metadata {
        try MetadataReader.read(files: ExampleProject.files(in: ExampleProject.hasuraMetadataDirectory))
    }

    static func resolve(_ metadata: Metadata, environment: [String: String] = environment) -> Model {
        ModelResolver.resolve(
            metadata: metadata, catalogs: ["default": ExampleCatalog.make(.postgres)], environment: environment)
    }

    static func summary(_ model: Model) -> [String] {
        model.inconsistencies.map { "\($0.type) | \($0.name) | \($0.reason)" }
    }

    @Test("the fixture resolves once its environment is set; remote schemas get their URL and headers")
    func consistent() throws {
        let model = Self.resolve(try Self.fixture())
        #expect(model.inconsistencies == [])
        #expect(
            model.remoteSchemas == [
                ResolvedRemoteSchema(
                    name: "countries", url: "http://countries.local/graphql",
                    headers: [ResolvedHeader(name: "x-api-key", value: "key")], forwardClientHeaders: true,
                    timeoutSeconds: 30,
                    customization: .fields([
                        ("root_fields_namespace", .string("geo")),
                        ("type_names", .fields([("prefix", .string("Geo_")), ("suffix", .string("_t"))])),
                    ])),
                ResolvedRemoteSchema(
                    name: "search", url: "http://search.local/graphql", headers: [], forwardClientHeaders: false,
                    timeoutSeconds: 10, customization: nil),
            ])
    }

    @Test("unset environment variables make what needs them inconsistent, in Hasura's words")
    func unsetEnvironment() throws {
        let model = Self.resolve(try Self.fixture(), environment: [:])
        #expect(
            Self.summary(model) == [
                "event_trigger | event_trigger article_published in table public.article in source default | Value for environment variables not found: EVENTS_BASE_URL",
                "event_trigger | event_trigger author_updated in table public.author in source default | environment variable 'AUTHOR_WEBHOOK_URL' not set",
                "event_trigger | event_trigger comment_created in table public.comment in source default | Value for environment variables not found: EVENTS_BASE_URL",
                "action | action articleStats | Value for environment variables not found: ACTION_BASE_URL",
                "action | action createArticle | Value for environment variables not found: ACTION_BASE_URL",
                "action | action login | Value for environment variables not found: ACTION_BASE_URL",
                "remote_schema | remote_schema countries | environment variable 'COUNTRIES_GRAPHQL_URL' not set",
                "remote_schema | remote_schema search | Value for environment variables not found: SEARCH_BASE_URL",
            ])
        #expect(model.remoteSchemas.isEmpty)
        var almost = Self.environment
        almost["WEBHOOK_SECRET"] = nil
        almost["COUNTRIES_API_KEY"] = nil
        #expect(
            Self.summary(Self.resolve(try Self.fixture(), environment: almost)) == [
                "event_trigger | event_trigger article_published in table public.article in source default | environment variable 'WEBHOOK_SECRET' not set",
                "remote_schema | remote_schema countries | environment variable 'COUNTRIES_API_KEY' not set",
            ])
        let definition = try #require(model.inconsistencies.first?.definition)
        #expect(definition["name"] == .string("article_published"))
        #expect(definition["webhook"] == .string("{{EVENTS_BASE_URL}}/article-published"))
    }

    @Test("an event trigger on a missing column, and a second trigger with a taken name, are inconsistent")
    func eventTriggerProblems() throws {
        var metadata = try Self.fixture()
        let author = try #require(metadata.sources[0].tables.firstIndex { $0.table.name == "author" })
        let tag = try #require(metadata.sources[0].tables.firstIndex { $0.table.name == "tag" })
        var triggers = metadata.sources[0].tables[author].eventTriggers
        triggers[0] = EventTriggerMetadata(
            name: "author_updated",
            operations: EventTriggerOperations(update: EventOperationSpec(columns: .some(["nickname"]))),
            retry: EventRetryConfiguration(), webhook: .url(URLTemplate("http://hooks.local")), headers: [], extra: [])
        metadata.sources[0].tables[author].eventTriggers = triggers
        metadata.sources[0].tables[tag].eventTriggers = [
            EventTriggerMetadata(
                name: "comment_created", operations: EventTriggerOperations(delete: EventOperationSpec(columns: .all)),
                retry: EventRetryConfiguration(), webhook: .url(URLTemplate("http://hooks.local")), headers: [],
                extra: [])
        ]
        let model = Self.resolve(metadata)
        #expect(
            Self.summary(model) == [
                "event_trigger | event_trigger author_updated in table public.author in source default | column \"nickname\" does not exist in table public.author",
                "event_trigger | event_trigger comment_created in table public.tag in source default | multiple definitions for event trigger \"comment_created\" in source \"default\"",
            ])
        let dropped = MetadataOperations.droppingInconsistencies(model.inconsistencies, from: metadata)
        #expect(dropped.sources[0].tables[author].eventTriggers.isEmpty)
        #expect(dropped.sources[0].tables[tag].eventTriggers.isEmpty)
        let comment = try #require(dropped.sources[0].tables.first { $0.table.name == "comment" })
        #expect(comment.eventTriggers.map(\.name) == ["comment_created"])
        #expect(Self.resolve(dropped).inconsistencies == [])
    }

    @Test("actions with unknown types and custom types with unknown field types are inconsistent")
    func actionProblems() throws {
        var metadata = try Self.fixture()
        var actions = metadata.actions
        actions[0].definition.outputType = "[Stats!]"
        actions[1].definition.arguments[0].type = "ArticleInputs!"
        metadata.actions = actions
        var types = metadata.customTypes
        types.inputObjects[0].fields.append(CustomTypeField(name: "when", type: "Moment"))
        types.scalars.append(CustomScalarType(name: "ArticleStats"))
        metadata.customTypes = types
        let model = Self.resolve(metadata)
        #expect(
            Self.summary(model) == [
                "custom_types | custom_types | duplicate type names: \"ArticleStats\"; the type Moment for field when in input object type ArticleInput does not exist",
                "action | action articleStats | the type: \"Stats\" is not an object or scalar type defined in custom types",
                "action | action createArticle | the type: \"ArticleInputs\" is not defined in custom types or it is not a scalar/enum/input_object",
            ])
        let dropped = MetadataOperations.droppingInconsistencies(model.inconsistencies, from: metadata)
        #expect(dropped.actions.map(\.name) == ["login"])
        #expect(dropped.customTypes.isEmpty)
        #expect(
            Self.summary(Self.resolve(dropped)) == [
                "action | action login | the type: \"LoginResponse\" is not an object or scalar type defined in custom types"
            ])
    }
}
