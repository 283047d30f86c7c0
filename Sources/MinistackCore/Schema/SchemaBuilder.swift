public import GraphQL

/// One role's GraphQL schema, its SDL, and the meaning of each of its fields.
///
/// Built once per role and metadata version, shared by all requests of that role.
public struct RoleSchema: Sendable {
    public let role: String
    public let sdl: String
    public let schema: GraphQLSchema
    public let meanings: SchemaMeanings
    /// Scalars, enums and input objects by name, for coercing variables.
    public let inputShapes: [String: InputTypeShape]
    /// The part of the model the role may use, with each table's `access`: what plans are made from.
    public let model: Model
    /// The mutation root exists (later issues add it).
    public var hasMutationRoot: Bool { schema.mutationType != nil }
}

/// Builds Hasura's query schema for the tracked tables of a model.
///
/// The schema is written as SDL (sorted, so it is a reviewable snapshot) and parsed by
/// GraphQLSwift for validation and introspection; alongside it the builder records what
/// every field means, so the planner never reads meaning from names.
public struct SchemaBuilder {
    let model: Model
    var document = SDLDocument()
    var meanings = SchemaMeanings()
    /// Tables whose `_aggregate_order_by` / `_aggregate_bool_exp` inputs are needed (targets of array relationships).
    var aggregateInputTables: [TableKey] = []

    public static func build(model: Model, role: String) throws -> RoleSchema {
        var builder = SchemaBuilder(model: model)
        builder.buildQueryRoot()
        builder.buildMutationRoot()
        let sdl = builder.document.text
        let schema = try buildSchema(source: sdl)
        return RoleSchema(
            role: role, sdl: sdl, schema: schema, meanings: builder.meanings, inputShapes: builder.document.inputShapes,
            model: model)
    }

    init(model: Model) { self.model = model }

    mutating func buildQueryRoot() {
        var fields: [SDLDocument.Field] = []
        for table in model.allTables {
            guard let select = table.access.select else { continue }
            let names = table.names
            if select.allowsRootField("select") {
                fields.append(
                    SDLDocument.Field(
                        name: names.select, type: "[\(names.objectType)!]!",
                        description: "fetch data from the table: \"\(table.key.name.name)\"",
                        arguments: listArguments(for: table)))
                meanings.fields[FieldCoordinate(HasuraNames.queryRoot, names.select)] = .selectMany(table.key)
            }
            if select.allowAggregations && select.allowsRootField("select_aggregate") {
                fields.append(
                    SDLDocument.Field(
                        name: names.selectAggregate, type: "\(names.aggregateType)!",
                        description: "fetch aggregated fields from the table: \"\(table.key.name.name)\"",
                        arguments: listArguments(for: table)))
                meanings.fields[FieldCoordinate(HasuraNames.queryRoot, names.selectAggregate)] = .selectAggregate(
                    table.key)
            }
            if table.allowsPrimaryKeyAccess && select.allowsRootField("select_by_pk") {
                fields.append(
                    SDLDocument.Field(
                        name: names.selectByPK, type: names.objectType,
                        description: "fetch data from the table: \"\(table.key.name.name)\" using primary key columns",
                        arguments: table.primaryKey.map {
                            SDLDocument.Argument(name: $0.fieldName, type: $0.scalar.name + "!")
                        }))
                meanings.fields[FieldCoordinate(HasuraNames.queryRoot, names.selectByPK)] = .selectByPK(table.key)
            }
            defineTableTypes(table)
        }
        var index = 0
        while index < aggregateInputTables.count {
            defineAggregateInputs(model.table(aggregateInputTables[index])!)
            index += 1
        }
        fields += actionRootFields(.query)
        fields += remoteRootFields(.query)
        if fields.isEmpty {
            fields.append(SDLDocument.Field(name: HasuraNames.noQueriesAvailable, type: "String!"))
            meanings.fields[FieldCoordinate(HasuraNames.queryRoot, HasuraNames.noQueriesAvailable)] =
                .noQueriesAvailable
        }
        document.define(HasuraNames.queryRoot, .object(description: nil, fields: fields))
        document.schemaRoots = [("query", HasuraNames.queryRoot)]
    }

    func listArguments(for table: ResolvedTable) -> [SDLDocument.Argument] {
        let names = table.names
        return [
            SDLDocument.Argument(
                name: "distinct_on", type: "[\(names.selectColumn)!]", description: "distinct select on columns"),
            SDLDocument.Argument(name: "limit", type: "Int", description: "limit the number of rows returned"),
            SDLDocument.Argument(
                name: "offset", type: "Int", description: "skip the first n rows. Use only with order_by"),
            SDLDocument.Argument(
                name: "order_by", type: "[\(names.orderBy)!]", description: "sort the rows by one or more columns"),
            SDLDocument.Argument(name: "where", type: names.boolExp, description: "filter the rows returned"),
        ]
    }

    // MARK: Per-table types

    /// The object type and its inputs for a table the role may read (once per table).
    mutating func defineTableTypes(_ table: ResolvedTable) {
        guard !document.contains(table.names.objectType) else { return }
        defineObjectType(table)
        if table.access.select?.allowAggregations == true { defineAggregateTypes(table) }
        defineBoolExp(table)
        defineOrderBy(table)
        defineSelectColumn(table)
        defineOrderByEnum()
    }

    mutating func defineObjectType(_ table: ResolvedTable) {
        let typeName = table.names.objectType
        var fields: [SDLDocument.Field] = []
        for column in table.selectableColumns {
            defineScalar(column.scalar)
            fields.append(
                SDLDocument.Field(name: column.fieldName, type: column.scalar.name + (column.isNullable ? "" : "!")))
            meanings.fields[FieldCoordinate(typeName, column.fieldName)] = .column(column.name)
        }
        for relationship in table.relationships {
            guard let target = readableTarget(of: relationship) else { continue }
            switch relationship.kind {
            case .object:
                fields.append(
                    SDLDocument.Field(
                        name: relationship.name, type: target.names.objectType + (relationship.isNullable ? "" : "!"),
                        description: "An object relationship"))
                meanings.fields[FieldCoordinate(typeName, relationship.name)] = .relationship(relationship.name)
            case .array:
                fields.append(
                    SDLDocument.Field(
                        name: relationship.name, type: "[\(target.names.objectType)!]!",
                        description: "An array relationship", arguments: listArguments(for: target)))
                meanings.fields[FieldCoordinate(typeName, relationship.name)] = .relationship(relationship.name)
                guard target.access.select?.allowAggregations == true else { continue }
                let aggregateName = relationship.name + "_aggregate"
                fields.append(
                    SDLDocument.Field(
                        name: aggregateName, type: "\(target.names.aggregateType)!",
                        description: "An aggregate relationship", arguments: listArguments(for: target)))
                meanings.fields[FieldCoordinate(typeName, aggregateName)] = .relationshipAggregate(relationship.name)
                if !aggregateInputTables.contains(target.key) { aggregateInputTables.append(target.key) }
            }
        }
        document.define(
            typeName, .object(description: "columns and relationships of \"\(table.key.name.name)\"", fields: fields))
    }

    mutating func defineAggregateTypes(_ table: ResolvedTable) {
        let names = table.names
        let label = table.key.name.name
        document.define(
            names.aggregateType,
            .object(
                description: "aggregated selection of \"\(label)\"",
                fields: [
                    SDLDocument.Field(name: "aggregate", type: names.aggregateFieldsType),
                    SDLDocument.Field(name: "nodes", type: "[\(names.objectType)!]!"),
                ]))
        meanings.fields[FieldCoordinate(names.aggregateType, "aggregate")] = .aggregateFields
        meanings.fields[FieldCoordinate(names.aggregateType, "nodes")] = .aggregateNodes

        var fields = [
            SDLDocument.Field(
                name: "count", type: "Int!",
                arguments: [
                    SDLDocument.Argument(name: "columns", type: "[\(names.selectColumn)!]"),
                    SDLDocument.Argument(name: "distinct", type: "Boolean"),
                ])
        ]
        meanings.fields[FieldCoordinate(names.aggregateFieldsType, "count")] = .aggregateCount
        for function in AggregateFunction.allCases {
            let columns = function.isNumericOnly ? table.numericColumns : table.comparableColumns
            guard !columns.isEmpty else { continue }
            let typeName = names.aggregateFunctionFieldsType(function)
            fields.append(SDLDocument.Field(name: function.rawValue, type: typeName))
            meanings.fields[FieldCoordinate(names.aggregateFieldsType, function.rawValue)] = .aggregateFunction(
                function)
            var columnFields: [SDLDocument.Field] = []
            for column in columns {
                columnFields.append(
                    SDLDocument.Field(
                        name: column.fieldName, type: function.keepsColumnType ? column.scalar.name : "Float"))
                meanings.fields[FieldCoordinate(typeName, column.fieldName)] = .aggregateColumn(column.name)
            }
            document.define(
                typeName, .object(description: "aggregate \(function.rawValue) on columns", fields: columnFields))
        }
        document.define(
            names.aggregateFieldsType, .object(description: "aggregate fields of \"\(label)\"", fields: fields))
    }

    mutating func defineBoolExp(_ table: ResolvedTable) {
        let names = table.names
        var fields = [
            SDLDocument.Argument(name: "_and", type: "[\(names.boolExp)!]"),
            SDLDocument.Argument(name: "_not", type: names.boolExp),
            SDLDocument.Argument(name: "_or", type: "[\(names.boolExp)!]"),
        ]
        meanings.inputFields[FieldCoordinate(names.boolExp, "_and")] = .and
        meanings.inputFields[FieldCoordinate(names.boolExp, "_or")] = .or
        meanings.inputFields[FieldCoordinate(names.boolExp, "_not")] = .not
        for column in table.selectableColumns {
            fields.append(
                SDLDocument.Argument(
                    name: column.fieldName, type: defineComparisonExp(column.scalar, sourceKind: sourceKind(table))))
            meanings.inputFields[FieldCoordinate(names.boolExp, column.fieldName)] = .column(column.name)
        }
        for relationship in table.relationships {
            guard let target = readableTarget(of: relationship) else { continue }
            fields.append(SDLDocument.Argument(name: relationship.name, type: target.names.boolExp))
            meanings.inputFields[FieldCoordinate(names.boolExp, relationship.name)] = .relationship(relationship.name)
            if relationship.kind == .array && target.access.select?.allowAggregations == true {
                let aggregateName = relationship.name + "_aggregate"
                fields.append(SDLDocument.Argument(name: aggregateName, type: target.names.aggregateBoolExp))
                meanings.inputFields[FieldCoordinate(names.boolExp, aggregateName)] = .relationshipAggregate(
                    relationship.name)
            }
        }
        document.define(
            names.boolExp,
            .input(
                description:
                    "Boolean expression to filter rows from the table \"\(table.key.name.name)\". All fields are combined with a logical 'AND'.",
                fields: fields))
    }

    mutating func defineOrderBy(_ table: ResolvedTable) {
        let names = table.names
        var fields: [SDLDocument.Argument] = []
        for column in table.selectableColumns {
            fields.append(SDLDocument.Argument(name: column.fieldName, type: HasuraNames.orderByEnum))
            meanings.inputFields[FieldCoordinate(names.orderBy, column.fieldName)] = .column(column.name)
        }
        for relationship in table.relationships {
            guard let target = readableTarget(of: relationship) else { continue }
            switch relationship.kind {
            case .object:
                fields.append(SDLDocument.Argument(name: relationship.name, type: target.names.orderBy))
                meanings.inputFields[FieldCoordinate(names.orderBy, relationship.name)] = .relationship(
                    relationship.name)
            case .array:
                guard target.access.select?.allowAggregations == true else { continue }
                let aggregateName = relationship.name + "_aggregate"
                fields.append(SDLDocument.Argument(name: aggregateName, type: target.names.aggregateOrderBy))
                meanings.inputFields[FieldCoordinate(names.orderBy, aggregateName)] = .relationshipAggregate(
                    relationship.name)
            }
        }
        document.define(
            names.orderBy,
            .input(description: "Ordering options when selecting data from \"\(table.key.name.name)\".", fields: fields)
        )
    }

    mutating func defineSelectColumn(_ table: ResolvedTable) {
        document.define(
            table.names.selectColumn,
            .enumeration(
                description: "select columns of table \"\(table.key.name.name)\"",
                values: table.selectableColumns.map { ($0.fieldName, "column name") }))
    }

    /// The target of a relationship when the role may read it.
    func readableTarget(of relationship: ResolvedRelationship) -> ResolvedTable? {
        guard let target = model.table(relationship.target), target.access.select != nil else { return nil }
        return target
    }

    mutating func defineOrderByEnum() {
        document.define(
            HasuraNames.orderByEnum,
            .enumeration(
                description: "column ordering options",
                values: [
                    ("asc", "in ascending order, nulls last"),
                    ("asc_nulls_first", "in ascending order, nulls first"),
                    ("asc_nulls_last", "in ascending order, nulls last"),
                    ("desc", "in descending order, nulls first"),
                    ("desc_nulls_first", "in descending order, nulls first"),
                    ("desc_nulls_last", "in descending order, nulls last"),
                ]))
    }

    /// `<t>_aggregate_order_by`, `<t>_<fn>_order_by`, `<t>_aggregate_bool_exp(_count)` for an array relationship's target.
    mutating func defineAggregateInputs(_ table: ResolvedTable) {
        let names = table.names
        var fields = [SDLDocument.Argument(name: "count", type: HasuraNames.orderByEnum)]
        meanings.inputFields[FieldCoordinate(names.aggregateOrderBy, "count")] = .orderByAggregateCount
        for function in AggregateFunction.allCases {
            let columns = function.isNumericOnly ? table.numericColumns : table.comparableColumns
            guard !columns.isEmpty else { continue }
            let typeName = names.aggregateFunctionOrderBy(function)
            fields.append(SDLDocument.Argument(name: function.rawValue, type: typeName))
            meanings.inputFields[FieldCoordinate(names.aggregateOrderBy, function.rawValue)] =
                .orderByAggregateFunction(function)
            document.define(
                typeName,
                .input(
                    description: "order by \(function.rawValue)() on columns of table \"\(table.key.name.name)\"",
                    fields: columns.map { SDLDocument.Argument(name: $0.fieldName, type: HasuraNames.orderByEnum) }))
            for column in columns {
                meanings.inputFields[FieldCoordinate(typeName, column.fieldName)] = .column(column.name)
            }
        }
        document.define(
            names.aggregateOrderBy,
            .input(description: "order by aggregate values of table \"\(table.key.name.name)\"", fields: fields))

        document.define(
            names.aggregateBoolExp,
            .input(
                description: nil,
                fields: [
                    SDLDocument.Argument(name: "count", type: names.aggregateBoolExpCount)
                ]))
        meanings.inputFields[FieldCoordinate(names.aggregateBoolExp, "count")] = .aggregateBoolCount
        let intComparison = defineComparisonExp(.int, sourceKind: sourceKind(table))
        document.define(
            names.aggregateBoolExpCount,
            .input(
                description: nil,
                fields: [
                    SDLDocument.Argument(name: "arguments", type: "[\(names.selectColumn)!]"),
                    SDLDocument.Argument(name: "distinct", type: "Boolean"),
                    SDLDocument.Argument(name: "filter", type: names.boolExp),
                    SDLDocument.Argument(name: "predicate", type: "\(intComparison)!"),
                ]))
    }

    // MARK: Scalars and comparisons

    func sourceKind(_ table: ResolvedTable) -> DatabaseKind {
        model.source(named: table.key.source)?.kind ?? .postgres
    }

    mutating func defineScalar(_ scalar: ScalarType) {
        if !scalar.isBuiltIn { document.define(scalar.name, .scalar) }
    }

    /// Defines `<Scalar>_comparison_exp` and returns its name.
    mutating func defineComparisonExp(_ scalar: ScalarType, sourceKind: DatabaseKind) -> String {
        let typeName = HasuraNames.comparisonExp(scalar)
        guard !document.contains(typeName) else { return typeName }
        defineScalar(scalar)
        var operators = ComparisonOperator.general
        if scalar.isText { operators += ComparisonOperator.text }
        if scalar == .jsonb && sourceKind == .postgres { operators += ComparisonOperator.jsonb }
        var fields: [SDLDocument.Argument] = []
        for op in operators {
            let type: String
            switch op {
            case .in, .nin: type = "[\(scalar.name)!]"
            case .isNull: type = "Boolean"
            case .hasKey: type = "String"
            case .hasKeysAll, .hasKeysAny: type = "[String!]"
            case .cast:
                let castType = HasuraNames.castExp(scalar)
                let stringComparison = defineComparisonExp(.string, sourceKind: sourceKind)
                document.define(
                    castType,
                    .input(description: nil, fields: [SDLDocument.Argument(name: "String", type: stringComparison)]))
                meanings.inputFields[FieldCoordinate(castType, "String")] = .castToString
                type = castType
            default: type = scalar.name
            }
            fields.append(SDLDocument.Argument(name: op.rawValue, type: type))
            meanings.inputFields[FieldCoordinate(typeName, op.rawValue)] = .comparison(op)
        }
        document.define(
            typeName,
            .input(
                description:
                    "Boolean expression to compare columns of type \"\(scalar.name)\". All fields are combined with logical 'AND'.",
                fields: fields))
        return typeName
    }
}
