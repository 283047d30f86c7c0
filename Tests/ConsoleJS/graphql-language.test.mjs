// Tests for web/js/graphql-language.js (tokenizer, pretty-printer, completion).
// Run with: node --test web/tests/
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenize, prettify, completionsAt, typeString } from "../../web/js/graphql-language.js";

// A small introspection result shaped like Hasura's schema.
const ref = (kind, name) => ({ kind, name, ofType: null });
const nonNull = (ofType) => ({ kind: "NON_NULL", name: null, ofType });
const list = (ofType) => ({ kind: "LIST", name: null, ofType });
const Int = ref("SCALAR", "Int"), Str = ref("SCALAR", "String"), Bool = ref("SCALAR", "Boolean");
const field = (name, type, args = []) => ({ name, description: null, args, type, isDeprecated: false, deprecationReason: null });
const input = (name, type) => ({ name, description: null, type, defaultValue: null });
const object = (name, fields) => ({ kind: "OBJECT", name, fields, inputFields: null, interfaces: [], enumValues: null, possibleTypes: null });
const inputObject = (name, inputFields) => ({ kind: "INPUT_OBJECT", name, fields: null, inputFields, interfaces: null, enumValues: null, possibleTypes: null });
const authorArgs = [
  input("where", ref("INPUT_OBJECT", "author_bool_exp")),
  input("order_by", list(nonNull(ref("INPUT_OBJECT", "author_order_by")))),
  input("limit", Int),
  input("offset", Int),
];
const comparison = (name, scalar) => inputObject(name, [
  input("_eq", scalar), input("_gt", scalar), input("_gte", scalar), input("_in", list(nonNull(scalar))),
  input("_is_null", Bool), input("_like", scalar), input("_lt", scalar), input("_neq", scalar),
]);
const schema = {
  queryType: { name: "query_root" },
  mutationType: { name: "mutation_root" },
  subscriptionType: { name: "subscription_root" },
  types: [
    object("query_root", [
      field("author", nonNull(list(nonNull(ref("OBJECT", "author")))), authorArgs),
      field("author_by_pk", ref("OBJECT", "author"), [input("id", nonNull(Int))]),
      field("article", nonNull(list(nonNull(ref("OBJECT", "article"))))),
    ]),
    object("mutation_root", [
      field("insert_author_one", ref("OBJECT", "author"), [input("object", nonNull(ref("INPUT_OBJECT", "author_insert_input")))]),
      field("delete_author", ref("OBJECT", "author_mutation_response"), [input("where", nonNull(ref("INPUT_OBJECT", "author_bool_exp")))]),
    ]),
    object("subscription_root", [field("author", nonNull(list(nonNull(ref("OBJECT", "author")))), authorArgs)]),
    object("author", [
      field("id", nonNull(Int)),
      field("name", nonNull(Str)),
      field("articles", nonNull(list(nonNull(ref("OBJECT", "article")))), [input("limit", Int)]),
    ]),
    object("article", [field("id", nonNull(Int)), field("title", nonNull(Str)), field("author", nonNull(ref("OBJECT", "author")))]),
    object("author_mutation_response", [field("affected_rows", nonNull(Int))]),
    inputObject("author_bool_exp", [
      input("_and", list(nonNull(ref("INPUT_OBJECT", "author_bool_exp")))),
      input("_not", ref("INPUT_OBJECT", "author_bool_exp")),
      input("_or", list(nonNull(ref("INPUT_OBJECT", "author_bool_exp")))),
      input("id", ref("INPUT_OBJECT", "Int_comparison_exp")),
      input("name", ref("INPUT_OBJECT", "String_comparison_exp")),
    ]),
    comparison("Int_comparison_exp", Int),
    comparison("String_comparison_exp", Str),
    inputObject("author_order_by", [input("id", ref("ENUM", "order_by")), input("name", ref("ENUM", "order_by"))]),
    inputObject("author_insert_input", [input("id", Int), input("name", Str)]),
    {
      kind: "ENUM", name: "order_by", fields: null, inputFields: null, interfaces: null, possibleTypes: null,
      enumValues: ["asc", "asc_nulls_first", "asc_nulls_last", "desc", "desc_nulls_first", "desc_nulls_last"]
        .map((name) => ({ name, description: null, isDeprecated: false, deprecationReason: null })),
    },
    { ...ref("SCALAR", "Int"), fields: null }, { ...ref("SCALAR", "String"), fields: null }, { ...ref("SCALAR", "Boolean"), fields: null },
    object("__Schema", [field("queryType", nonNull(ref("OBJECT", "__Type")))]),
    object("__Type", [field("name", Str)]),
  ],
  directives: [
    { name: "include", locations: ["FIELD"], args: [input("if", nonNull(Bool))] },
    { name: "skip", locations: ["FIELD"], args: [input("if", nonNull(Bool))] },
  ],
};

// Completion at the end of `text`, or at the "|" marker when there is one.
const complete = (text, s = schema) => {
  const offset = text.includes("|") ? text.indexOf("|") : text.length;
  return completionsAt(text.replace("|", ""), offset, s);
};
const labels = (text, s) => complete(text, s).items.map((i) => i.label);
const detailOf = (text, label) => complete(text).items.find((i) => i.label === label)?.detail;

// ---------------------------------------------------------------------------------------------
test("tokenize covers every kind and the whole text", () => {
  const text = 'query Q($id: Int = 1.5e3) { a: f(s: "x\\"y", b: """blk\n"""), on: true @skip(if: null) ... # note\n} ~';
  const tokens = tokenize(text);
  assert.equal(tokens.map((t) => t.text).join(""), text);
  tokens.forEach((t, k) => {
    assert.equal(text.slice(t.start, t.end), t.text);
    if (k) assert.equal(t.start, tokens[k - 1].end);
  });
  const kinds = new Set(tokens.map((t) => t.kind));
  for (const kind of ["punctuation", "name", "keyword", "variable", "string", "number", "comment", "whitespace", "invalid"]) {
    assert.ok(kinds.has(kind), `missing ${kind}`);
  }
  const find = (s) => tokens.find((t) => t.text === s);
  assert.equal(find("query").kind, "keyword");
  assert.equal(find("Q").kind, "name");
  assert.equal(find("$id").kind, "variable");
  assert.equal(find("1.5e3").kind, "number");
  assert.equal(find('"x\\"y"').kind, "string");
  assert.equal(find('"""blk\n"""').kind, "string");
  assert.equal(find("...").kind, "punctuation");
  assert.equal(find("# note").kind, "comment");
  assert.equal(find("~").kind, "invalid");
  assert.equal(find("true").kind, "keyword");
  assert.equal(find("null").kind, "keyword");
  // roles for highlighting
  assert.equal(find("Int").role, "type");
  assert.equal(find("a").role, "alias");
  assert.equal(find("s").role, "argument");
  assert.equal(find("skip").role, "directive");
});

test("tokenize never throws on unterminated strings", () => {
  const single = tokenize('{ f(a: "abc\n  b: 1) }');
  assert.deepEqual(single.find((t) => t.kind === "string"), { kind: "string", text: '"abc', start: 7, end: 11, unterminated: true });
  assert.equal(single.find((t) => t.kind === "number").text, "1"); // the next line tokenizes normally
  const block = tokenize('{ f(a: """never\nclosed');
  const last = block[block.length - 1];
  assert.equal(last.kind, "string");
  assert.equal(last.text, '"""never\nclosed');
  assert.equal(last.unterminated, true);
  assert.deepEqual(tokenize('"').map((t) => t.kind), ["string"]);
  assert.deepEqual(tokenize(""), []);
  assert.deepEqual(tokenize("$").map((t) => t.kind), ["variable"]);
});

test("tokenize: block strings with escaped triple quotes and embedded quotes", () => {
  const text = '"""a "quoted" \\""" b""" x';
  const tokens = tokenize(text);
  assert.equal(tokens[0].kind, "string");
  assert.equal(tokens[0].text, '"""a "quoted" \\""" b"""');
  assert.equal(tokens[2].text, "x");
});

// ---------------------------------------------------------------------------------------------
test("prettify a Hasura query with where, order_by, limit and aliases", () => {
  const src = "query GetAuthors($limit: Int = 10, $name: String!) { authors: author(where: {name: {_ilike: $name}, _and: [{id: {_gt: 1}}]}, order_by: [{name: asc}], limit: $limit) { id name articles(limit: 2) { title } } total: author { id } }";
  assert.equal(prettify(src), `query GetAuthors($limit: Int = 10, $name: String!) {
  authors: author(where: {name: {_ilike: $name}, _and: [{id: {_gt: 1}}]}, order_by: [{name: asc}], limit: $limit) {
    id
    name
    articles(limit: 2) {
      title
    }
  }
  total: author {
    id
  }
}`);
});

test("prettify fragments, directives, variables with defaults, comments and block strings", () => {
  const src = `# Authors and their articles
query Q($id: Int!, $n: [String!] = ["a"], $with: Boolean = true) @cached(ttl: 60) {
author_by_pk(id: $id) { # one author
  ...AuthorFields
  ... on author @include(if: $with) { articles { id title } }
  # a comment before a field
  name @skip(if: false) # trailing
  }
}
fragment AuthorFields on author { id, name }
mutation { insert_author_one(object: {name: """multi
line"""}) { id } }`;
  const expected = `# Authors and their articles
query Q($id: Int!, $n: [String!] = ["a"], $with: Boolean = true) @cached(ttl: 60) {
  author_by_pk(id: $id) { # one author
    ...AuthorFields
    ... on author @include(if: $with) {
      articles {
        id
        title
      }
    }
    # a comment before a field
    name @skip(if: false) # trailing
  }
}

fragment AuthorFields on author {
  id
  name
}

mutation {
  insert_author_one(object: {name: """multi
line"""}) {
    id
  }
}`;
  assert.equal(prettify(src), expected);
  assert.equal(prettify(expected), expected);
});

test("prettify keeps comments inside arguments (above the field) and at the end", () => {
  const out = prettify("{\n  author(\n    # only some\n    limit: 1\n  ) { id }\n  # closing note\n}\n# the end\n");
  assert.equal(out, "{\n  # only some\n  author(limit: 1) {\n    id\n  }\n  # closing note\n}\n\n# the end");
});

test("prettify is idempotent", () => {
  const docs = [
    "{ a { b c } }",
    "query { a(x: [1, 2, {y: null}], z: ENUM_V, s: \"str\") @d { ...F ... { b } } } # t",
    "subscription S { author(order_by: {name: desc}) { id } }\nfragment F on author { name }",
    "# only a comment",
    "",
  ];
  for (const doc of docs) {
    const once = prettify(doc);
    assert.equal(prettify(once), once, doc);
  }
});

test("prettify throws readable errors on broken documents", () => {
  assert.throws(() => prettify("{ author { id }"), /Expected "}" at line 1, column 16/);
  assert.throws(() => prettify("{ author(where: ) { id } }"), /Expected a value at line 1/);
  assert.throws(() => prettify('{ author(where: {name: {_eq: "x}}) { id } }'), /Unterminated string/);
  assert.throws(() => prettify("}"), /Expected query, mutation, subscription, fragment or "\{"/);
  assert.throws(() => prettify("{ }"), /Expected a field/);
  assert.throws(() => prettify("{ a ~ }"), /Unexpected character "~"/);
  assert.throws(() => prettify("query Q($id Int) { a }"), /Expected ":"/);
  assert.throws(() => prettify("{ a }\n\n{ b(x: 1 }"), /line 3, column 10/);
});

// ---------------------------------------------------------------------------------------------
test("typeString prints wrappers like GraphQL", () => {
  assert.equal(typeString(nonNull(list(nonNull(ref("OBJECT", "author"))))), "[author!]!");
  assert.equal(typeString(list(Int)), "[Int]");
  assert.equal(typeString(Str), "String");
  assert.equal(typeString(null), "");
});

test("completion at the top level offers operation keywords", () => {
  assert.deepEqual(labels(""), ["query", "mutation", "subscription", "fragment", "{"]);
  assert.deepEqual(labels("{ author { id } }\n"), ["query", "mutation", "subscription", "fragment", "{"]);
  assert.deepEqual(labels("mu"), ["mutation"]);
  assert.deepEqual(labels("query Q "), []); // after an operation name nothing is suggested
  // without a schema only the keywords are offered
  assert.deepEqual(labels("", null), ["query", "mutation", "subscription", "fragment", "{"]);
  assert.deepEqual(labels("{ ", null), []);
});

test("completion of root fields of query and mutation", () => {
  const query = complete("{ ");
  assert.deepEqual(query.items.map((i) => i.label), ["author", "author_by_pk", "article", "__typename", "__schema", "__type"]);
  assert.equal(query.items[0].detail, "[author!]!");
  assert.equal(query.items[0].kind, "field");
  assert.deepEqual(labels("query Q($id: Int!) { "), labels("{ "));
  assert.deepEqual(labels("mutation { "), ["insert_author_one", "delete_author", "__typename"]);
  assert.deepEqual(labels("subscription { au"), ["author"]);
  // accepts the whole introspection result too
  assert.deepEqual(labels("mutation { i", { data: { __schema: schema } }), ["insert_author_one"]);
});

test("completion of nested fields walks the selection path", () => {
  assert.deepEqual(labels("{ author { "), ["id", "name", "articles", "__typename"]);
  assert.deepEqual(labels("{ author { articles { "), ["id", "title", "author", "__typename"]);
  assert.deepEqual(labels("{ author(limit: 2) { articles(limit: 1) { author { "), ["id", "name", "articles", "__typename"]);
  assert.deepEqual(labels("{ author { id } article { "), ["id", "title", "author", "__typename"]);
  assert.deepEqual(labels("{ author { articles { id }\n  "), ["id", "name", "articles", "__typename"]);
  assert.equal(detailOf("{ author { ", "articles"), "[article!]!");
  assert.deepEqual(labels("{ __schema { "), ["queryType", "__typename"]);
  assert.deepEqual(labels("{ nope { "), []);
});

test("completion resolves aliases", () => {
  assert.deepEqual(labels("{ writers: author { articles { ti"), ["title"]);
  assert.deepEqual(labels("{ w: au"), ["author", "author_by_pk"]);
  assert.deepEqual(labels("{ w: "), labels("{ "));
});

test("completion inside inline fragments and fragment definitions", () => {
  assert.deepEqual(labels("{ author_by_pk(id: 1) { ... on author { "), ["id", "name", "articles", "__typename"]);
  assert.deepEqual(labels("{ author { ... on "), ["author"]);
  assert.deepEqual(labels("{ author { ... "), ["on"]);
  assert.deepEqual(labels("fragment F on author { id }\n{ author { ...|"), ["on", "F"]);
  assert.deepEqual(labels("fragment F on a"), ["author", "article", "author_mutation_response", "mutation_root"]);
  assert.deepEqual(labels("fragment F on article { "), ["id", "title", "author", "__typename"]);
});

test("completion of argument names", () => {
  const result = complete("{ author(");
  assert.deepEqual(result.items.map((i) => i.label), ["where", "order_by", "limit", "offset"]);
  assert.equal(result.items[0].detail, "author_bool_exp");
  assert.equal(result.items[1].detail, "[author_order_by!]");
  assert.deepEqual(labels("{ author(limit: 1, "), ["where", "order_by", "offset"]);
  assert.deepEqual(labels('{ author(where: {name: {_eq: "x"}}, '), ["order_by", "limit", "offset"]);
  assert.deepEqual(labels("{ author_by_pk("), ["id"]);
  assert.equal(detailOf("{ author_by_pk(", "id"), "Int!");
  assert.deepEqual(labels("{ author { articles(" ), ["limit"]);
  assert.deepEqual(labels("{ author @"), ["include", "skip"]);
  assert.deepEqual(labels("{ author @include("), ["if"]);
  assert.deepEqual(labels("{ author @include(if: "), ["true", "false"]);
});

test("completion inside nested input objects", () => {
  assert.deepEqual(labels("{ author(where: {"), ["_and", "_not", "_or", "id", "name"]);
  assert.deepEqual(labels("{ author(where: {name: {"), ["_eq", "_gt", "_gte", "_in", "_is_null", "_like", "_lt", "_neq"]);
  assert.deepEqual(labels("{ author(where: {name: {_eq: \"a\", "), ["_gt", "_gte", "_in", "_is_null", "_like", "_lt", "_neq"]);
  assert.deepEqual(labels("{ author(where: {_and: [{id: {_g"), ["_gt", "_gte"]);
  assert.deepEqual(labels("{ author(where: {_not: {name: {_eq: 1}}, "), ["_and", "_or", "id", "name"]);
  assert.deepEqual(labels("mutation { insert_author_one(object: {"), ["id", "name"]);
  assert.equal(detailOf("{ author(where: {", "_and"), "[author_bool_exp!]");
});

test("completion of enum values", () => {
  const all = ["asc", "asc_nulls_first", "asc_nulls_last", "desc", "desc_nulls_first", "desc_nulls_last"];
  assert.deepEqual(labels("{ author(order_by: {name: "), all);
  assert.deepEqual(labels("{ author(order_by: [{id: asc}, {name: d"), ["desc", "desc_nulls_first", "desc_nulls_last"]);
  assert.equal(detailOf("{ author(order_by: {name: ", "asc"), "order_by");
  assert.deepEqual(labels("{ author(order_by: {name: asc, "), ["id"]);
});

test("completion of variables and variable types", () => {
  assert.deepEqual(complete("query Q($id: Int!, $name: String) { author_by_pk(id: $").items,
    [{ label: "$id", detail: "Int!", kind: "variable" }, { label: "$name", detail: "String", kind: "variable" }]);
  assert.deepEqual(labels("query Q($id: In"), ["Int_comparison_exp", "Int", "String_comparison_exp", "author_insert_input", "String"]);
  assert.deepEqual(labels("query Q($ids: [St"), ["String_comparison_exp", "String"]);
  assert.deepEqual(labels("query Q($id: Int!) { author_by_pk(id: 1) { $"), []); // not in a value position
});

test("completion filters by prefix (prefix matches first) and reports the replaced range", () => {
  const result = complete("{ auth");
  assert.equal(result.from, 2);
  assert.equal(result.to, 6);
  assert.deepEqual(result.items.map((i) => i.label), ["author", "author_by_pk"]);
  assert.deepEqual(labels("{ AUTH"), ["author", "author_by_pk"]); // case-insensitive
  assert.deepEqual(labels("{ author { am"), ["name", "__typename"]); // substring match
  assert.deepEqual(labels("{ article { t"), ["title", "author", "__typename"]); // prefix first, then substring
  // caret in the middle of a word: filter by the part before the caret, replace the whole word
  const middle = complete("{ au|thor }");
  assert.equal(middle.from, 2);
  assert.equal(middle.to, 8);
  assert.deepEqual(middle.items.map((i) => i.label), ["author", "author_by_pk"]);
  // no word at the caret: an empty range at the caret
  const empty = complete("{ author { ");
  assert.equal(empty.from, 11);
  assert.equal(empty.to, 11);
});

test("no completion inside strings, comments and numbers", () => {
  assert.deepEqual(labels('{ author(where: {name: {_eq: "au'), []);
  assert.deepEqual(labels('{ author(where: {name: {_eq: "au|"}}) { id } }'), []);
  assert.deepEqual(labels("{ # au"), []);
  assert.deepEqual(labels("{ author(limit: 1"), []);
  // right after a closing quote the string is over: the next input field may follow
  assert.deepEqual(labels('{ author(where: {name: {_eq: "x"|'), ["_gt", "_gte", "_in", "_is_null", "_like", "_lt", "_neq"]);
  assert.deepEqual(labels('{ author(where: {name: {_eq: "x"}|'), ["_and", "_not", "_or", "id"]);
});
