import Foundation
import GraphQL
import MinistackCore
import MinistackTesting
import Testing

/// One folder under `Golden/mutations/`: `request.graphql` and the expected `postgres.sql` /
/// `sqlite.sql`: the write statement of each root field's first row (nested rows and the
/// re-read of `returning` depend on what the database returns, so they are covered by the
/// integration cases).
struct MutationGoldenCase: CustomTestStringConvertible, Sendable {
    let name: String
    var directory: String { GoldenFile.root + "/mutations/" + name }
    var testDescription: String { name.replacingOccurrences(of: "_", with: " ") }

    static var all: [MutationGoldenCase] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: GoldenFile.root + "/mutations")) ?? []
        return names.sorted().map(MutationGoldenCase.init(name:))
    }
}

@Suite("Mutations compile to the expected SQL")
struct MutationSQLGoldenTests {
    @Test(arguments: MutationGoldenCase.all)
    func compiles(_ golden: MutationGoldenCase) throws {
        for kind in [DatabaseKind.postgres, .sqlite] {
            GoldenFile.check(try Self.compile(golden, kind: kind), against: golden.directory + "/\(kind.rawValue).sql")
        }
    }

    @Test("there are mutation golden cases")
    func casesExist() {
        #expect(MutationGoldenCase.all.count >= 4)
    }

    static func compile(_ golden: MutationGoldenCase, kind: DatabaseKind) throws -> String {
        let text = try String(contentsOfFile: golden.directory + "/request.graphql", encoding: .utf8)
        let schema = try ExampleModel.adminSchema(kind)
        let document = try parse(source: text)
        let errors = validate(schema: schema.schema, ast: document)
        guard errors.isEmpty else { throw GoldenError("\(golden.name): \(errors.map(\.message))") }
        let operation = try #require(document.definitions.first as? OperationDefinition)
        let variables = try VariableCoercion.coerce(
            definitions: operation.variableDefinitions, provided: nil, shapes: schema.inputShapes)
        let mutation = try QueryPlanner.planMutation(
            operation: operation, fragments: [:], roleSchema: schema, model: try ExampleModel.model(kind),
            variables: variables)
        let statements = MutationStatements(dialect: kind == .postgres ? PostgresDialect() : SQLiteDialect())
        var output = ""
        func append(_ statement: PreparedStatement) {
            output += statement.sql + "\n"
            for (index, parameter) in statement.parameters.enumerated() {
                output += "-- $\(index + 1): \(SQLGoldenTests.describe(parameter.source)) as \(parameter.scalar.name)\n"
            }
        }
        for (_, field) in mutation.rootFields {
            switch field {
            case .insert(let insert, _):
                if let row = insert.rows.first {
                    append(statements.insert(into: insert.table, values: row.values, onConflict: insert.onConflict))
                }
            case .update(let update, _): append(statements.update(update))
            case .updateMany(let updates, _): updates.forEach { append(statements.update($0)) }
            case .delete(let delete, _): append(statements.delete(delete))
            case .constant, .action, .remote: continue
            }
        }
        return output
    }
}
