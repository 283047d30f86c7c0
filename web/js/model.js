// The metadata as the console needs it: sources, their tables with the GraphQL names the server
// gives them (Hasura's rules: `custom_name`, `custom_root_fields`, `column_config`), and the
// helpers that name tables in routes and in metadata calls.

import { metadata } from "./api.js";

/** The metadata export, read once per view (cheap: the server keeps it in memory). */
export async function loadMetadata() {
  return metadata("export_metadata", {});
}

/** Each source with `{name, kind, defaultSchema, prefix, tables}`. */
export function sources(exported) {
  return (exported.sources || []).map((source) => {
    const kind = source.kind === "postgres" || source.kind === "pg" ? "postgres" : source.kind;
    const defaultSchema = kind === "sqlite" ? "main" : "public";
    return {
      name: source.name,
      kind,
      defaultSchema,
      prefix: kind === "sqlite" ? "sqlite_" : "pg_",
      tables: (source.tables || []).map((entry) => tableInfo(entry, defaultSchema)),
    };
  });
}

/** A table entry of the metadata with its schema-qualified name and GraphQL names. */
export function tableInfo(entry, defaultSchema) {
  const ref = typeof entry.table === "string" ? { name: entry.table } : entry.table;
  const schema = ref.schema || defaultSchema;
  const configuration = entry.configuration || {};
  const rootFields = configuration.custom_root_fields || {};
  const base = configuration.custom_name || (schema === defaultSchema ? ref.name : schema + "_" + ref.name);
  const columnNames = Object.assign({}, configuration.custom_column_names || {});
  for (const [column, config] of Object.entries(configuration.column_config || {})) {
    if (config && config.custom_name) columnNames[column] = config.custom_name;
  }
  return {
    entry,
    schema,
    name: ref.name,
    ref: schema === defaultSchema && defaultSchema === "main" ? { name: ref.name } : { schema, name: ref.name },
    label: schema === defaultSchema ? ref.name : schema + "." + ref.name,
    fields: {
      select: rootFields.select || base,
      selectByPK: rootFields.select_by_pk || base + "_by_pk",
      aggregate: rootFields.select_aggregate || base + "_aggregate",
      insertOne: rootFields.insert_one || "insert_" + base + "_one",
      updateByPK: rootFields.update_by_pk || "update_" + base + "_by_pk",
      update: rootFields.update || "update_" + base,
      deleteByPK: rootFields.delete_by_pk || "delete_" + base + "_by_pk",
      delete: rootFields.delete || "delete_" + base,
    },
    types: { object: base, boolExp: base + "_bool_exp", orderBy: base + "_order_by", pkColumns: base + "_pk_columns_input" },
    /** The GraphQL field name of a column. */
    field: (column) => columnNames[column] || column,
  };
}

/** The route segment naming a table: `source/schema/name`. */
export function tablePath(source, table) {
  return [source.name, table.schema, table.name].map(encodeURIComponent).join("/");
}

/** Finds a table from its route segments. */
export function findTable(allSources, sourceName, schema, name) {
  const source = allSources.find((candidate) => candidate.name === sourceName);
  const table = source && source.tables.find((candidate) => candidate.schema === schema && candidate.name === name);
  return source && table ? { source, table } : null;
}

/** The table read again from a fresh metadata export (after a metadata call changed it). */
export async function reloadTable(source, table) {
  return findTable(sources(await loadMetadata()), source.name, table.schema, table.name);
}

/** Every event trigger with its source and table. */
export function eventTriggers(allSources) {
  const triggers = [];
  for (const source of allSources) {
    for (const table of source.tables) {
      for (const trigger of table.entry.event_triggers || []) triggers.push({ source, table, trigger });
    }
  }
  return triggers;
}
