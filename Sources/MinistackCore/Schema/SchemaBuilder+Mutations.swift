/// Hasura's mutation root: insert (nested, upsert), update (with `_set`, `_inc` and, on
/// Postgres, the jsonb operators), update many, delete, and their input types.
extension SchemaBuilder {
    mutating func buildMutationRoot() {
        var fields: [SDLDocument.Field] = []
        for table in model.allTables where !table.catalog.isView {
            let access = table.access
            guard access.insert != nil || access.update != nil || access.delete != nil else { continue }
            fields += mutationFields(for: table)
        }
        fields += actionRootFields(.mutation)
        fields += remoteRootFields(.mutation)
        guard !fields.isEmpty else { return }
        document.define(HasuraNames.mutationRoot, .object(description: "mutation root", fields: fields))
        document.schemaRoots.append(("mutation", HasuraNames.mutationRoot))
    }

    /// The insert, update and delete root fields the role has for `table`.
    mutating func mutationFields(for table: ResolvedTable) -> [SDLDocument.Field] {
        let names = table.names
        let label = table.key.name.name
        let access = table.access
        let canRead = access.select != nil
        defineMutationResponse(table)
        if access.insert != nil { defineInsertInputs(table) }
        let updateOperators = access.update != nil ? defineUpdateInputs(table) : []
        var onConflict: [SDLDocument.Argument] = []
        if access.insert != nil, defineOnConflict(table) {
            onConflict = [
                SDLDocument.Argument(name: "on_conflict", type: names.onConflict, description: "upsert condition")
            ]
        }
        let operatorArguments = updateOperators.map { op in
            SDLDocument.Argument(
                name: op.rawValue, type: names.updateOperatorInput(op), description: Self.updateOperatorDescription(op))
        }
        var fields: [SDLDocument.Field] = []
        func add(
            _ name: String, _ type: String, _ description: String, _ arguments: [SDLDocument.Argument],
            _ meaning: FieldMeaning
        ) {
            fields.append(SDLDocument.Field(name: name, type: type, description: description, arguments: arguments))
            meanings.fields[FieldCoordinate(HasuraNames.mutationRoot, name)] = meaning
        }
        if access.insert != nil {
            add(
                names.insert, names.mutationResponseType, "insert data into the table: \"\(label)\"",
                [
                    SDLDocument.Argument(
                        name: "objects", type: "[\(names.insertInput)!]!", description: "the rows to be inserted")
                ] + onConflict,
                .insert(table.key))
            if canRead {
                add(
                    names.insertOne, names.objectType, "insert a single row into the table: \"\(label)\"",
                    [
                        SDLDocument.Argument(
                            name: "object", type: "\(names.insertInput)!", description: "the row to be inserted")
                    ] + onConflict,
                    .insertOne(table.key))
            }
        }
        if !updateOperators.isEmpty {
            add(
                names.update, names.mutationResponseType, "update data of the table: \"\(label)\"",
                operatorArguments + [
                    SDLDocument.Argument(
                        name: "where", type: "\(names.boolExp)!",
                        description: "filter the rows which have to be updated")
                ],
                .update(table.key))
            add(
                names.updateMany, "[\(names.mutationResponseType)]", "update multiples rows of table: \"\(label)\"",
                [
                    SDLDocument.Argument(
                        name: "updates", type: "[\(names.updates)!]!", description: "updates to execute, in order")
                ],
                .updateMany(table.key))
            var updatesFields = operatorArguments
            updatesFields.append(
                SDLDocument.Argument(
                    name: "where", type: "\(names.boolExp)!", description: "filter the rows which have to be updated"))
            document.define(names.updates, .input(description: nil, fields: updatesFields))
        }
        if access.delete != nil {
            add(
                names.delete, names.mutationResponseType, "delete data from the table: \"\(label)\"",
                [
                    SDLDocument.Argument(
                        name: "where", type: "\(names.boolExp)!",
                        description: "filter the rows which have to be deleted")
                ],
                .delete(table.key))
        }
        if table.allowsPrimaryKeyAccess {
            for column in table.primaryKey { defineScalar(column.scalar) }
        }
        if table.allowsPrimaryKeyAccess && !updateOperators.isEmpty {
            document.define(
                names.pkColumnsInput,
                .input(
                    description: "primary key columns input for table: \(label)",
                    fields: table.primaryKey.map {
                        SDLDocument.Argument(name: $0.fieldName, type: $0.scalar.name + "!")
                    }))
            add(
                names.updateByPK, names.objectType, "update single row of the table: \"\(label)\"",
                operatorArguments + [SDLDocument.Argument(name: "pk_columns", type: "\(names.pkColumnsInput)!")],
                .updateByPK(table.key))
        }
        if table.allowsPrimaryKeyAccess && access.delete != nil {
            add(
                names.deleteByPK, names.objectType, "delete single row from the table: \"\(label)\"",
                table.primaryKey.map { SDLDocument.Argument(name: $0.fieldName, type: $0.scalar.name + "!") },
                .deleteByPK(table.key))
        }
        return fields
    }

    /// `<t>_mutation_response`; `returning` only for a role that may read the table.
    mutating func defineMutationResponse(_ table: ResolvedTable) {
        let names = table.names
        var fields = [
            SDLDocument.Field(
                name: "affected_rows", type: "Int!", description: "number of rows affected by the mutation")
        ]
        meanings.fields[FieldCoordinate(names.mutationResponseType, "affected_rows")] = .affectedRows
        if table.access.select != nil {
            fields.append(
                SDLDocument.Field(
                    name: "returning", type: "[\(names.objectType)!]!",
                    description: "data from the rows affected by the mutation"))
            meanings.fields[FieldCoordinate(names.mutationResponseType, "returning")] = .returning
        }
        document.define(
            names.mutationResponseType,
            .object(
                description: "response of any mutation on the table \"\(table.key.name.name)\"", fields: fields))
    }

    /// `<t>_insert_input`, `<t>_obj_rel_insert_input`, `<t>_arr_rel_insert_input`.
    mutating func defineInsertInputs(_ table: ResolvedTable) {
        let names = table.names
        guard !document.contains(names.insertInput) else { return }
        var fields: [SDLDocument.Argument] = []
        // Defined first, so relationships that come back to this table find it.
        document.define(names.insertInput, .input(description: nil, fields: []))
        for column in table.insertableColumns {
            // A column the role may write but not read still needs its scalar.
            defineScalar(column.scalar)
            fields.append(SDLDocument.Argument(name: column.fieldName, type: column.scalar.name))
            meanings.inputFields[FieldCoordinate(names.insertInput, column.fieldName)] = .column(column.name)
        }
        for relationship in table.relationships {
            guard let target = model.table(relationship.target), !target.catalog.isView, target.access.insert != nil
            else { continue }
            defineInsertInputs(target)
            let targetNames = target.names
            let hasOnConflict = target.access.update != nil && defineOnConflict(target)
            let onConflict =
                hasOnConflict
                ? [
                    SDLDocument.Argument(
                        name: "on_conflict", type: targetNames.onConflict, description: "upsert condition")
                ] : []
            switch relationship.kind {
            case .object:
                document.define(
                    targetNames.objectRelationshipInsertInput,
                    .input(
                        description:
                            "input type for inserting object relation for remote table \"\(target.key.name.name)\"",
                        fields: [SDLDocument.Argument(name: "data", type: "\(targetNames.insertInput)!")] + onConflict))
                fields.append(
                    SDLDocument.Argument(name: relationship.name, type: targetNames.objectRelationshipInsertInput))
            case .array:
                document.define(
                    targetNames.arrayRelationshipInsertInput,
                    .input(
                        description:
                            "input type for inserting array relation for remote table \"\(target.key.name.name)\"",
                        fields: [SDLDocument.Argument(name: "data", type: "[\(targetNames.insertInput)!]!")]
                            + onConflict))
                fields.append(
                    SDLDocument.Argument(name: relationship.name, type: targetNames.arrayRelationshipInsertInput))
            }
            meanings.inputFields[FieldCoordinate(names.insertInput, relationship.name)] = .relationship(
                relationship.name)
        }
        document.replace(
            names.insertInput,
            .input(
                description: "input type for inserting data into table \"\(table.key.name.name)\"", fields: fields))
    }

    /// `<t>_on_conflict`, `<t>_constraint`, `<t>_update_column`; false when the table has no unique constraint.
    mutating func defineOnConflict(_ table: ResolvedTable) -> Bool {
        let names = table.names
        let constraints = Self.uniqueConstraints(of: table)
        guard !constraints.isEmpty, table.access.update != nil else { return false }
        document.define(
            names.constraint,
            .enumeration(
                description: "unique or primary key constraints on table \"\(table.key.name.name)\"",
                values: constraints.map {
                    (
                        $0.name,
                        "unique or primary key constraint on columns \($0.columns.map { "\"\($0)\"" }.joined(separator: ", "))"
                    )
                }))
        // An enum needs a value; Hasura offers this one when the role may update no column.
        let updateColumns = table.updatableColumns.map { ($0.fieldName, "column name") }
        document.define(
            names.updateColumn,
            .enumeration(
                description: "update columns of table \"\(table.key.name.name)\"",
                values: updateColumns.isEmpty ? [("_PLACEHOLDER", "placeholder (do not use)")] : updateColumns))
        document.define(
            names.onConflict,
            .input(
                description: "on_conflict condition type for table \"\(table.key.name.name)\"",
                fields: [
                    SDLDocument.Argument(name: "constraint", type: "\(names.constraint)!"),
                    SDLDocument.Argument(name: "update_columns", type: "[\(names.updateColumn)!]! = []"),
                    SDLDocument.Argument(name: "where", type: names.boolExp),
                ]))
        return true
    }

    /// The primary key and unique constraints, the targets of `on_conflict`.
    static func uniqueConstraints(of table: ResolvedTable) -> [UniqueConstraint] {
        var constraints: [UniqueConstraint] = []
        if !table.catalog.primaryKey.isEmpty {
            constraints.append(
                UniqueConstraint(
                    name: table.catalog.primaryKeyConstraintName ?? "\(table.key.name.name)_pkey",
                    columns: table.catalog.primaryKey))
        }
        constraints += table.catalog.uniqueConstraints.filter { GraphQLName.isValid($0.name) }
        return constraints
    }

    /// The update operators the table offers, with their input types defined.
    mutating func defineUpdateInputs(_ table: ResolvedTable) -> [UpdateOperator] {
        let names = table.names
        let writable = table.updatableColumns
        var operators: [UpdateOperator] = []
        func define(
            _ op: UpdateOperator, _ columns: [ResolvedColumn], _ type: (ResolvedColumn) -> String, _ description: String
        ) {
            guard !columns.isEmpty else { return }
            let typeName = names.updateOperatorInput(op)
            document.define(
                typeName,
                .input(
                    description: description,
                    fields: columns.map { SDLDocument.Argument(name: $0.fieldName, type: type($0)) }))
            for column in columns {
                meanings.inputFields[FieldCoordinate(typeName, column.fieldName)] = .column(column.name)
            }
            operators.append(op)
        }
        let label = table.key.name.name
        for column in writable { defineScalar(column.scalar) }
        define(.set, writable, { $0.scalar.name }, "input type for updating data in table \"\(label)\"")
        define(
            .inc, writable.filter { $0.scalar.isNumeric }, { $0.scalar.name },
            "input type for incrementing numeric columns in table \"\(label)\"")
        if sourceKind(table) == .postgres {
            let jsonb = writable.filter { $0.scalar == .jsonb }
            define(
                .append, jsonb, { _ in "jsonb" }, "append existing jsonb value of filtered columns with new jsonb value"
            )
            define(
                .prepend, jsonb, { _ in "jsonb" },
                "prepend existing jsonb value of filtered columns with new jsonb value")
            define(
                .deleteKey, jsonb, { _ in "String" },
                "delete key/value pair or string element. key/value pairs are matched based on their key value")
            define(
                .deleteElem, jsonb, { _ in "Int" },
                "delete the array element with specified index (negative integers count from the end). throws an error if top level container is not an array"
            )
            define(
                .deleteAtPath, jsonb, { _ in "[String!]" },
                "delete the field or element with specified path (for JSON arrays, negative integers count from the end)"
            )
        }
        return operators.sorted { $0.rawValue < $1.rawValue }
    }

    static func updateOperatorDescription(_ op: UpdateOperator) -> String {
        switch op {
        case .set: "sets the columns of the filtered rows to the given values"
        case .inc: "increments the numeric columns with given value of the filtered values"
        case .append: "append existing jsonb value of filtered columns with new jsonb value"
        case .prepend: "prepend existing jsonb value of filtered columns with new jsonb value"
        case .deleteKey: "delete key/value pair or string element. key/value pairs are matched based on their key value"
        case .deleteElem:
            "delete the array element with specified index (negative integers count from the end). throws an error if top level container is not an array"
        case .deleteAtPath:
            "delete the field or element with specified path (for JSON arrays, negative integers count from the end)"
        }
    }
}
