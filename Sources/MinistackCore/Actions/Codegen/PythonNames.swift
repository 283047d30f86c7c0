/// The Python names of one action's generated code, chosen once so the models module and the
/// handler agree.
///
/// GraphQL names are Python identifiers, except for keywords; the generated code keeps them
/// wherever Python allows, so the models read like the metadata. A type whose name Python or
/// the imports already use (`List`, `Field`, `None`…) gets a `_` appended; that changes nothing
/// on the wire. Helper classes (the base model, the arguments, the payload) yield to custom types.
struct PythonNames: Sendable {
    /// Names the modules import, or use from the builtins, at module level.
    static let moduleLevel: Set = [
        "Any", "Dict", "Enum", "List", "Optional", "BaseModel", "ConfigDict", "Field", "FastAPI", "app", "int",
        "float", "str", "bool", "dict", "list", "object",
    ]

    /// Attributes every Pydantic `BaseModel` has; a field of that name would shadow them.
    static let baseModelAttributes: Set = [
        "construct", "copy", "dict", "from_orm", "json", "model_computed_fields", "model_config", "model_construct",
        "model_copy", "model_dump", "model_dump_json", "model_extra", "model_fields", "model_fields_set",
        "model_json_schema", "model_parametrized_name", "model_post_init", "model_rebuild", "model_validate",
        "model_validate_json", "model_validate_strings", "parse_file", "parse_obj", "parse_raw", "schema",
        "schema_json", "update_forward_refs", "validate",
    ]

    /// Modules the generated code imports; the action's own modules must not take their names.
    private static let importedModules: Set = ["enum", "typing", "pydantic", "fastapi", "uvicorn", "starlette"]

    /// The handler's module (`placeOrder`, so `uvicorn placeOrder:app`) and the models' module.
    let module: String
    let typesModule: String
    /// The base of every generated model.
    let baseModel: String
    /// `{"name": …}` of the payload.
    let actionName: String
    /// The model of the action's arguments (the payload's `input`).
    let arguments: String
    /// The model of the whole payload.
    let payload: String
    /// The handler function.
    let handler: String
    /// The Python name of each enum, model and non-GraphQL scalar the action reaches.
    private let types: [String: String]

    init(_ graph: ActionTypeGraph) {
        let name = graph.action.name
        module =
            PythonSyntax.keywords.contains(name) || Self.importedModules.contains(name) ? name + "Action" : name
        typesModule = module + "Types"

        var pool = IdentifierPool(reserved: PythonSyntax.keywords.union(Self.moduleLevel).union(Self.importedModules))
        types = pool.claimTypes(of: graph)
        let capitalized = PythonSyntax.capitalized(name)
        baseModel = pool.claim("ActionModel")
        actionName = pool.claim("ActionName")
        arguments = pool.claim(capitalized + "Args")
        payload = pool.claim(capitalized + "Payload")
        handler = pool.claim(PythonSyntax.snakeCase(name))
    }

    /// The Python name of a reachable enum, model or scalar alias (a built-in scalar's own name is
    /// not declared, see `PythonScalar`).
    func type(_ name: String) -> String { types[name] ?? name }

    /// The attribute names of a model's fields: the GraphQL name where Python allows it, else a
    /// name with `_` appended (leading underscores moved to the end, as Pydantic keeps
    /// `_`-names private), unique within the model. A field must also not take a name its
    /// class's annotations use: in a class body, `date: Optional[date] = None` would read
    /// the field's default as the type.
    static func attributes(for fieldNames: [String], annotationNames: Set<String>) -> [String] {
        let reserved = PythonSyntax.keywords.union(moduleLevel).union(baseModelAttributes).union(annotationNames)
        func usable(_ name: String) -> Bool { !name.hasPrefix("_") && !reserved.contains(name) }
        var taken = Set(fieldNames.filter(usable))
        return fieldNames.map { name in
            if usable(name) { return name }
            let stripped = name.drop { $0 == "_" }
            var candidate = (stripped.isEmpty ? "field" : String(stripped)) + "_"
            while reserved.contains(candidate) || taken.contains(candidate) { candidate += "_" }
            taken.insert(candidate)
            return candidate
        }
    }

    /// The member names of an enum's values: the value where Python's `Enum` allows it (not a
    /// keyword, not `_`-prefixed, not `name`/`value`/`mro`), else with `_` appended; the values
    /// themselves stay the GraphQL ones.
    static func enumMembers(for values: [String]) -> [String] {
        let reserved = PythonSyntax.keywords.union(["name", "value", "mro"])
        func usable(_ name: String) -> Bool { !name.hasPrefix("_") && !reserved.contains(name) }
        var taken = Set(values.filter(usable))
        return values.map { value in
            if usable(value) { return value }
            let stripped = value.drop { $0 == "_" }
            var candidate = (stripped.isEmpty ? "VALUE" : String(stripped)) + "_"
            while reserved.contains(candidate) || taken.contains(candidate) { candidate += "_" }
            taken.insert(candidate)
            return candidate
        }
    }
}
