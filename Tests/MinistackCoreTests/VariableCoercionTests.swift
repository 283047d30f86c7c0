import GraphQL
import MinistackCore
import OrderedCollections
import Testing

@Suite("Variable coercion and plan fingerprints")
struct VariableCoercionTests {
    static func coerce(_ query: String, _ variables: String) throws -> CoercedVariables {
        let schema = try ExampleModel.adminSchema(.postgres)
        let document = try parse(source: query)
        let operation = try #require(document.definitions.first as? OperationDefinition)
        return try VariableCoercion.coerce(
            definitions: operation.variableDefinitions, provided: try JSONParser.parse(variables),
            shapes: schema.inputShapes)
    }

    static let query =
        "query ($id: Int, $where: author_bool_exp, $flag: Boolean, $order: [author_order_by!]) { author { id } }"

    @Test("scalar values do not change the fingerprint; shape, booleans and enums do")
    func fingerprints() throws {
        let a = try Self.coerce(
            Self.query, #"{"id": 1, "where": {"id": {"_eq": 5}}, "flag": true, "order": {"id": "asc"}}"#)
        let b = try Self.coerce(
            Self.query, #"{"id": 2, "where": {"id": {"_eq": 7}}, "flag": true, "order": {"id": "asc"}}"#)
        let c = try Self.coerce(
            Self.query, #"{"id": 2, "where": {"id": {"_eq": 7}}, "flag": false, "order": {"id": "asc"}}"#)
        let d = try Self.coerce(
            Self.query, #"{"id": 2, "where": {"id": {"_eq": 7}}, "flag": true, "order": {"id": "desc"}}"#)
        let e = try Self.coerce(
            Self.query, #"{"id": 2, "where": {"name": {"_eq": "x"}}, "flag": true, "order": {"id": "asc"}}"#)
        let f = try Self.coerce(
            Self.query, #"{"id": null, "where": {"id": {"_eq": 7}}, "flag": true, "order": {"id": "asc"}}"#)
        #expect(a.fingerprint == b.fingerprint)
        #expect(Set([b, c, d, e, f].map(\.fingerprint)).count == 5)
    }

    @Test("a single value where a list is declared becomes a list")
    func listCoercion() throws {
        let coerced = try Self.coerce(Self.query, #"{"order": {"id": "asc"}}"#)
        #expect(coerced.values["order"] == .array([.object(["id": .string("asc")])]))
    }

    @Test(
        "bad values are validation errors with Hasura's paths",
        arguments: [
            (#"{"id": "1"}"#, "$.variableValues.id"),
            (#"{"id": 2147483648}"#, "$.variableValues.id"),
            (#"{"flag": 1}"#, "$.variableValues.flag"),
            (#"{"where": {"nope": {}}}"#, "$.variableValues.where.nope"),
            (#"{"order": {"id": "sideways"}}"#, "$.variableValues.order.id"),
            (#"{"order": [{"id": "asc"}, {"id": "up"}]}"#, "$.variableValues.order[1].id"),
        ])
    func rejects(variables: String, path: String) {
        #expect {
            try Self.coerce(Self.query, variables)
        } throws: { error in
            (error as? PlanError)?.path == path && (error as? PlanError)?.code == .validationFailed
        }
    }

    @Test("a missing non-null variable is named")
    func missingRequired() {
        #expect(throws: PlanError("expecting a value for non-nullable variable: \"id\"")) {
            try Self.coerce("query ($id: Int!) { author { id } }", "{}")
        }
    }

    @Test("default values apply")
    func defaults() throws {
        let coerced = try Self.coerce("query ($limit: Int = 5) { author { id } }", "{}")
        #expect(coerced.values["limit"] == .number("5"))
    }
}
