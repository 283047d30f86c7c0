import Foundation
import GraphQL
import MinistackCore
import MinistackTesting
import Testing

/// One folder under `Golden/queries/`: `query.graphql`, optional `variables.json`, optional
/// `role.txt` (plan as that role, with its permissions), and the expected `postgres.sql` and
/// `sqlite.sql` (the statement, then its parameters' sources).
struct SQLGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    var directory: String { GoldenFile.root + "/queries/" + name }
    var testDescription: String { name.replacingOccurrences(of: "_", with: " ") }

    static var all: [SQLGoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFile.root + "/queries")) ?? []
        return names.sorted().map(SQLGoldenCase.init(name:))
    }
}

@Suite("GraphQL compiles to the expected SQL")
struct SQLGoldenTests {
    @Test(arguments: SQLGoldenCase.all)
    func compiles(_ golden: SQLGoldenCase) throws {
        for kind in [DatabaseKind.postgres, .sqlite] {
            let sql = try Self.compile(golden, kind: kind)
            GoldenFile.check(sql, against: golden.directory + "/\(kind.rawValue).sql")
        }
    }

    @Test("there are golden cases")
    func casesExist() {
        #expect(SQLGoldenCase.all.count >= 10)
    }

    /// The SQL text of the operation's statement followed by a `-- $n: source` line per parameter.
    static func compile(_ golden: SQLGoldenCase, kind: DatabaseKind) throws -> String {
        let query = try String(contentsOfFile: golden.directory + "/query.graphql", encoding: .utf8)
        let variablesText = try? String(contentsOfFile: golden.directory + "/variables.json", encoding: .utf8)
        let role =
            (try? String(contentsOfFile: golden.directory + "/role.txt", encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? Session.adminRole
        let schema = try ExampleModel.schema(kind, role: role)
        let model = schema.model
        let document = try parse(source: query)
        let errors = validate(schema: schema.schema, ast: document)
        guard errors.isEmpty else { throw GoldenError("\(golden.name): \(errors.map(\.message))") }
        guard let operation = document.definitions.compactMap({ $0 as? OperationDefinition }).first else {
            throw GoldenError("\(golden.name): no operation")
        }
        var fragments: [String: FragmentDefinition] = [:]
        for case let fragment as FragmentDefinition in document.definitions {
            fragments[fragment.name.value] = fragment
        }
        let variables = try VariableCoercion.coerce(
            definitions: operation.variableDefinitions, provided: try variablesText.map { try JSONParser.parse($0) },
            shapes: schema.inputShapes)
        let plan = try QueryPlanner.plan(
            operation: operation, fragments: fragments, roleSchema: schema, model: model, variables: variables)
        let dialect: any SQLDialect = kind == .postgres ? PostgresDialect() : SQLiteDialect()
        let compiled = SQLCompiler.compile(plan.ir) { _ in dialect }
        var text = ""
        for (_, statement) in compiled.statements {
            text += statement.sql + "\n"
            for (index, parameter) in statement.parameters.enumerated() {
                text += "-- $\(index + 1): \(describe(parameter.source)) as \(parameter.scalar.name)\n"
            }
        }
        return text
    }

    static func describe(_ source: ParameterSource) -> String {
        switch source {
        case .literal(let value): "literal \(value.serialized)"
        case .session(let name): "session \(name)"
        case .sessionList(let name): "session list \(name)"
        case .variable(let name, let path):
            "variable $\(name)"
                + path.map { step in
                    switch step {
                    case .key(let key): ".\(key)"
                    case .index(let index): "[\(index)]"
                    }
                }.joined()
        }
    }
}

struct GoldenError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
