/// The SQL for one query operation: one statement per database source, each returning a
/// single row whose columns are the JSON of the root fields.
public struct CompiledQuery: Sendable {
    /// How to produce one root field of `data`.
    public enum RootField: Sendable {
        /// Column `column` of the row returned by `statements[statement]`.
        case database(statement: Int, column: Int)
        case constant(String)
        case introspection
        case action(ActionCallIR)
        case asyncActionResult(AsyncActionResultIR)
        case remote(RemoteFieldIR)
    }

    public var statements: [(source: String, statement: PreparedStatement)]
    public var rootFields: [(alias: String, field: RootField)]
}

/// Compiles IR to SQL for a dialect. Aliases (`_t1`, `_r2`…) are numbered in tree order,
/// so the same IR always gives the same text.
public struct SQLCompiler {
    let dialect: any SQLDialect
    private var aliasCounter = 0
    /// The alias of the row a `.rooted` permission expression is evaluated on, while compiling it.
    var rootAlias: String?

    public init(dialect: any SQLDialect) { self.dialect = dialect }

    /// Compiles a query; `dialects` gives the dialect of each source the query touches.
    public static func compile(_ query: QueryIR, dialects: (String) -> any SQLDialect) -> CompiledQuery {
        var columnsBySource: [(source: String, columns: [SQL])] = []
        var rootFields: [(alias: String, field: CompiledQuery.RootField)] = []
        var compilers: [String: SQLCompiler] = [:]

        func place(_ source: String, _ build: (inout SQLCompiler) -> SQL) -> CompiledQuery.RootField {
            var compiler = compilers[source] ?? SQLCompiler(dialect: dialects(source))
            let value = build(&compiler)
            compilers[source] = compiler
            let statement =
                columnsBySource.firstIndex { $0.source == source }
                ?? {
                    columnsBySource.append((source, []))
                    return columnsBySource.count - 1
                }()
            columnsBySource[statement].columns.append(value)
            return .database(statement: statement, column: columnsBySource[statement].columns.count - 1)
        }

        for (alias, field) in query.rootFields {
            switch field {
            case .selectMany(let selection):
                rootFields.append(
                    (alias, place(selection.table.key.source) { $0.selectMany(selection, correlatedTo: nil) }))
            case .selectByPK(let selection):
                rootFields.append(
                    (alias, place(selection.table.key.source) { $0.selectOne(selection, correlatedTo: nil) }))
            case .selectAggregate(let aggregate):
                rootFields.append(
                    (alias, place(aggregate.table.key.source) { $0.aggregate(aggregate, correlatedTo: nil) }))
            case .constant(let text):
                rootFields.append((alias, .constant(text)))
            case .introspection:
                rootFields.append((alias, .introspection))
            case .action(let call):
                rootFields.append((alias, .action(call)))
            case .asyncActionResult(let result):
                rootFields.append((alias, .asyncActionResult(result)))
            case .remote(let call):
                rootFields.append((alias, .remote(call)))
            }
        }
        let statements = columnsBySource.map { entry in
            let dialect = dialects(entry.source)
            let columns = entry.columns.enumerated().map { index, value in
                dialect.resultColumn(value) + " AS " + .identifier("r\(index)")
            }
            return (entry.source, dialect.render("SELECT " + columns.joined(separator: ", ")))
        }
        return CompiledQuery(statements: statements, rootFields: rootFields)
    }

    mutating func nextAlias(_ prefix: String) -> String {
        aliasCounter += 1
        return "_\(prefix)\(aliasCounter)"
    }

    /// `alias."column"`.
    func column(_ alias: String, _ name: String) -> SQL { "\(ident: alias).\(ident: name)" }

    /// The join condition of a relationship: `child.remote = parent.local AND …`.
    func joinCondition(_ relationship: ResolvedRelationship, parent: String, child: String) -> SQL {
        relationship.mapping.map { "\(column(child, $0.remote)) = \(column(parent, $0.local))" as SQL }.joined(
            separator: " AND ")
    }
}

/// The enclosing row a relationship's subquery is joined to.
struct Correlation {
    var relationship: ResolvedRelationship
    var parentAlias: String
}
