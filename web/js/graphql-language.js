// GraphQL language support for the ministack console's query editor: a tokenizer (for syntax
// highlighting), a pretty-printer, and schema-aware autocompletion driven by a standard
// introspection result (`data.__schema`). Pure functions without DOM access, so the module also
// runs under `node` (see web/tests/graphql-language.test.mjs).

const KEYWORDS = new Set(["query", "mutation", "subscription", "fragment", "on", "true", "false", "null"]);
const OPERATIONS = ["query", "mutation", "subscription"];
const NAME = /[_A-Za-z][_0-9A-Za-z]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\r\n\uFEFF]+/y;

const isTrivia = (t) => t.kind === "whitespace" || t.kind === "comment" || t.text === ",";
const isWord = (t) => !!t && (t.kind === "name" || t.kind === "keyword");

/** Splits `text` into tokens `{kind, text, start, end}` that cover it completely. Never throws.
 *  Names may carry a `role` for finer highlighting ("argument", "alias", "type", "directive");
 *  strings missing their closing quotes carry `unterminated: true`. */
export function tokenize(text) {
  text = String(text ?? "");
  const tokens = [];
  let i = 0;
  const push = (kind, end, extra) => {
    tokens.push({ kind, text: text.slice(i, end), start: i, end, ...extra });
    i = end;
  };
  const match = (re) => { re.lastIndex = i; return re.exec(text) ? re.lastIndex : -1; };
  while (i < text.length) {
    const c = text[i];
    let end;
    if ((end = match(WHITESPACE)) > 0) push("whitespace", end);
    else if (c === "#") { end = text.slice(i).search(/[\r\n]/); push("comment", end < 0 ? text.length : i + end); }
    else if (text.startsWith('"""', i)) {
      let j = i + 3;
      while (j < text.length && !text.startsWith('"""', j)) j += text.startsWith('\\"""', j) ? 4 : 1;
      if (j < text.length) push("string", j + 3); else push("string", text.length, { unterminated: true });
    } else if (c === '"') {
      let j = i + 1, closed = false;
      while (j < text.length && text[j] !== "\n" && text[j] !== "\r") {
        if (text[j] === "\\") j += 2;
        else if (text[j++] === '"') { closed = true; break; }
      }
      push("string", Math.min(j, text.length), closed ? undefined : { unterminated: true });
    } else if ((end = match(NAME)) > 0) push(KEYWORDS.has(text.slice(i, end)) ? "keyword" : "name", end);
    else if ((end = match(NUMBER)) > 0) push("number", end);
    else if (c === "$") { NAME.lastIndex = i + 1; push("variable", NAME.exec(text) ? NAME.lastIndex : i + 1); }
    else if (text.startsWith("...", i)) push("punctuation", i + 3);
    else if ("!&()[]{}:=@|,".includes(c)) push("punctuation", i + 1);
    else push("invalid", i + (text.codePointAt(i) > 0xffff ? 2 : 1));
  }
  assignRoles(tokens.filter((t) => !isTrivia(t)));
  return tokens;
}

// Marks argument names, aliases, type references and directive names (highlighting only).
function assignRoles(sig) {
  const stack = []; // "{", "[", "(" for arguments, "v" for variable definitions
  sig.forEach((t, k) => {
    const prev = sig[k - 1]?.text, next = sig[k + 1]?.text;
    if (t.kind === "punctuation") {
      if ("{[(".includes(t.text)) stack.push(t.text === "(" && !stack.length ? "v" : t.text);
      else if ("}])".includes(t.text)) stack.pop();
      return;
    }
    if (t.kind !== "name") return;
    if (prev === "@") t.role = "directive";
    else if (prev === "on" && sig[k - 1].kind === "keyword") t.role = "type";
    else if (next === ":") t.role = stack.includes("(") || stack.includes("v") ? "argument" : "alias";
    else if (stack[0] === "v" && !stack.includes("{") && (prev === ":" || prev === "[")) t.role = "type";
  });
}

/** Prints an introspection type reference as GraphQL writes it, e.g. `[author!]!`. */
export function typeString(ref) {
  if (!ref) return "";
  if (ref.kind === "NON_NULL") return typeString(ref.ofType) + "!";
  if (ref.kind === "LIST") return `[${typeString(ref.ofType)}]`;
  return ref.name ?? "";
}

// ---------------------------------------------------------------------------------------------
// Pretty-printing: a recursive-descent parser builds a small tree of definitions and selections
// (heads printed as text, arguments on one line); comments are kept as leading lines, as a
// trailing comment on the same line, or after an opening brace.

/** Re-prints a GraphQL document with two-space indentation. Throws an Error with a readable
 *  message when the document does not parse. */
export function prettify(text) {
  text = String(text ?? "");
  const toks = tokenize(text);
  let i = 0, pending = [], inner = [], sawNewline = false, started = false;

  // Skips trivia before the next significant token, collecting comments into `pending`.
  const peek = () => {
    for (; i < toks.length && isTrivia(toks[i]); i++) {
      const t = toks[i];
      if (t.kind === "whitespace" && /[\r\n]/.test(t.text)) sawNewline = true;
      if (t.kind === "comment") pending.push({ text: t.text.trimEnd(), sameLine: started && !sawNewline });
    }
    return toks[i];
  };
  const advance = () => {
    const t = peek();
    inner.push(...pending); // comments in the middle of a construct are hoisted above it
    pending = []; i++; sawNewline = false; started = true;
    return t;
  };
  const take = () => { peek(); const taken = pending.map((c) => c.text); pending = []; return taken; };
  const fail = (t, what) => {
    const lines = text.slice(0, t ? t.start : text.length).split(/\r\n|\r|\n/);
    const where = `line ${lines.length}, column ${lines[lines.length - 1].length + 1}`;
    if (t?.kind === "invalid") throw new Error(`Unexpected character ${JSON.stringify(t.text)} at ${where}`);
    if (t?.unterminated) throw new Error(`Unterminated string at ${where}`);
    throw new Error(`Expected ${what} at ${where}, found ${t ? JSON.stringify(t.text) : "the end of the document"}`);
  };
  const is = (s) => { const t = peek(); return !!t && t.kind !== "string" && t.text === s; };
  const expect = (s) => (is(s) ? advance() : fail(peek(), `"${s}"`));
  const name = (what) => (isWord(peek()) ? advance().text : fail(peek(), what));

  const value = () => {
    const t = peek();
    if (is("[")) {
      advance();
      const items = [];
      while (!is("]")) items.push(value());
      advance();
      return `[${items.join(", ")}]`;
    }
    if (is("{")) {
      advance();
      const fields = [];
      while (!is("}")) { const n = name('an input field name or "}"'); expect(":"); fields.push(`${n}: ${value()}`); }
      advance();
      return `{${fields.join(", ")}}`;
    }
    if (t && ((t.kind === "variable" && t.text.length > 1) || t.kind === "number" || t.kind === "name"
      || (t.kind === "string" && !t.unterminated) || /^(true|false|null)$/.test(t.kind === "keyword" ? t.text : ""))) {
      return advance().text;
    }
    return fail(t, "a value");
  };
  const args = () => {
    if (!is("(")) return "";
    advance();
    const list = [];
    do { const n = name('an argument name or ")"'); expect(":"); list.push(`${n}: ${value()}`); } while (!is(")"));
    advance();
    return `(${list.join(", ")})`;
  };
  const directives = () => {
    let out = "";
    while (is("@")) { advance(); out += ` @${name("a directive name")}${args()}`; }
    return out;
  };
  const type = () => {
    let out;
    if (is("[")) { advance(); out = `[${type()}]`; expect("]"); } else out = name("a type");
    if (is("!")) { advance(); out += "!"; }
    return out;
  };
  const variables = () => {
    if (!is("(")) return "";
    advance();
    const list = [];
    do {
      const v = peek();
      if (v?.kind !== "variable" || v.text.length < 2) fail(v, "a variable");
      advance(); expect(":");
      let def = `${v.text}: ${type()}`;
      if (is("=")) { advance(); def += ` = ${value()}`; }
      list.push(def + directives());
    } while (!is(")"));
    advance();
    return `(${list.join(", ")})`;
  };
  // Opens a node's selection set: comments seen inside the node's head go above the node.
  const openSet = (node) => {
    expect("{");
    node.leading.push(...inner.map((c) => c.text)); inner = [];
    const set = { open: null, items: [], closing: [] };
    peek();
    if (pending[0]?.sameLine) set.open = pending.shift().text;
    for (let last = null; ;) {
      peek();
      if (last && pending[0]?.sameLine) last.trailing = pending.shift().text;
      if (is("}")) {
        if (!set.items.length) fail(peek(), "a field");
        set.closing = take(); advance();
        return set;
      }
      if (!peek()) fail(undefined, '"}"');
      set.items.push(last = selection());
    }
  };
  const startNode = () => { const node = { leading: take(), head: "", set: null, trailing: null }; inner = []; return node; };
  const endNode = (node) => { node.leading.push(...inner.map((c) => c.text)); inner = []; return node; };
  const selection = () => {
    const node = startNode();
    if (is("...")) {
      advance();
      const t = peek();
      if (t?.kind === "keyword" && t.text === "on") { advance(); node.head = `... on ${name("a type name")}${directives()}`; node.set = openSet(node); }
      else if (isWord(t)) node.head = `...${advance().text}${directives()}`;
      else { node.head = `...${directives()}`; node.set = openSet(node); }
    } else {
      let field = name("a field name");
      if (is(":")) { advance(); field += `: ${name("a field name")}`; }
      node.head = field + args() + directives();
      if (is("{")) node.set = openSet(node);
    }
    return endNode(node);
  };
  const definition = () => {
    const node = startNode();
    const t = peek();
    if (t.kind === "keyword" && OPERATIONS.includes(t.text)) {
      advance();
      node.head = t.text + (peek()?.kind === "name" ? ` ${advance().text}` : "") + variables() + directives();
    } else if (t.kind === "keyword" && t.text === "fragment") {
      advance();
      const n = name("a fragment name");
      if (!(peek()?.kind === "keyword" && peek().text === "on")) fail(peek(), '"on"');
      advance();
      node.head = `fragment ${n} on ${name("a type name")}${directives()}`;
    } else if (!is("{")) fail(t, 'query, mutation, subscription, fragment or "{"');
    node.set = openSet(node);
    return endNode(node);
  };

  const defs = [];
  for (let last = null; ;) {
    peek();
    if (last && pending[0]?.sameLine) last.trailing = pending.shift().text;
    if (!peek()) break;
    defs.push(last = definition());
  }
  const tail = take();

  const print = (node, depth, out) => {
    const pad = "  ".repeat(depth);
    for (const c of node.leading) out.push(pad + c);
    let line = pad + node.head;
    if (node.set) {
      out.push(line + (node.head ? " {" : "{") + (node.set.open ? ` ${node.set.open}` : ""));
      for (const item of node.set.items) print(item, depth + 1, out);
      for (const c of node.set.closing) out.push(`${pad}  ${c}`);
      line = pad + "}";
    }
    out.push(line + (node.trailing ? ` ${node.trailing}` : ""));
    return out;
  };
  const blocks = defs.map((d) => print(d, 0, []).join("\n"));
  if (tail.length) blocks.push(tail.join("\n"));
  return blocks.join("\n\n");
}

// ---------------------------------------------------------------------------------------------
// Completion: a forgiving walk over the tokens before the caret keeps a stack of contexts
// (selection sets with their type, argument lists, input objects, lists) and then decides what
// fits at the caret.

const schemaIndexes = new WeakMap();
function indexSchema(schema) {
  let index = schemaIndexes.get(schema);
  if (!index) {
    index = {
      types: new Map((schema.types ?? []).map((t) => [t.name, t])),
      roots: { query: schema.queryType?.name, mutation: schema.mutationType?.name, subscription: schema.subscriptionType?.name },
      directives: schema.directives ?? [],
    };
    schemaIndexes.set(schema, index);
  }
  return index;
}
const namedType = (ref) => {
  while (ref && (ref.kind === "LIST" || ref.kind === "NON_NULL")) ref = ref.ofType;
  return ref?.name ?? null;
};
const elementType = (ref) => {
  if (ref?.kind === "NON_NULL") ref = ref.ofType;
  return ref?.kind === "LIST" ? ref.ofType : ref;
};
const scalar = (name, nonNull) => (nonNull ? { kind: "NON_NULL", name: null, ofType: scalar(name) } : { kind: "SCALAR", name, ofType: null });
const TYPENAME = { name: "__typename", args: [], type: scalar("String", true) };
const ROOT_META = [
  { name: "__schema", args: [], type: { kind: "NON_NULL", name: null, ofType: { kind: "OBJECT", name: "__Schema", ofType: null } } },
  { name: "__type", args: [{ name: "name", type: scalar("String", true) }], type: { kind: "OBJECT", name: "__Type", ofType: null } },
];

function filterItems(items, prefix) {
  const seen = new Set(), starts = [], contains = [], p = prefix.toLowerCase();
  for (const item of items) {
    if (seen.has(item.label)) continue;
    seen.add(item.label);
    const label = item.label.toLowerCase();
    if (label.startsWith(p)) starts.push(item); else if (label.includes(p)) contains.push(item);
  }
  return starts.concat(contains);
}

/** Completion candidates at `offset` in `text`: `{from, to, items: [{label, detail, kind}]}`,
 *  where from..to is the partial word the chosen label replaces. `schema` is `data.__schema` of
 *  an introspection result (or null: then only the top-level keywords are offered). */
export function completionsAt(text, offset, schema) {
  text = String(text ?? "");
  offset = Math.max(0, Math.min(offset ?? text.length, text.length));
  schema = schema?.data?.__schema ?? schema?.__schema ?? schema;
  const index = schema?.types ? indexSchema(schema) : null;
  const toks = tokenize(text);
  let from = offset, to = offset, mode = "word";
  const at = toks.find((t) => t.start < offset && offset <= t.end);
  if (at) {
    if (isWord(at) || at.kind === "variable") { from = at.start; to = at.end; if (at.kind === "variable") mode = "variable"; }
    else if (at.kind === "comment" || at.kind === "number" || at.kind === "invalid"
      || (at.kind === "string" && (offset < at.end || at.unterminated))) return { from, to, items: [] };
  }
  const prefix = text.slice(from, offset);
  const sig = toks.filter((t) => t.end <= from && !isTrivia(t));

  const typeOf = (name) => (name ? index?.types.get(name) : undefined);
  const fieldsOf = (name) => {
    const type = typeOf(name);
    if (!type || !["OBJECT", "INTERFACE", "UNION"].includes(type.kind)) return [];
    return [...(type.fields ?? []), TYPENAME, ...(name === index.roots.query ? ROOT_META : [])];
  };
  const typesOfKind = (...kinds) => [...(index?.types.values() ?? [])]
    .filter((t) => kinds.includes(t.kind) && !t.name.startsWith("__"))
    .map((t) => ({ label: t.name, detail: t.kind.toLowerCase().replace("_", " "), kind: "type" }));

  // Walk the tokens before the word, tracking the context stack.
  const stack = [];
  let root = null, vars = [];
  for (let k = 0; k < sig.length; k++) {
    const t = sig[k], next = sig[k + 1], top = stack[stack.length - 1];
    const p = t.kind === "punctuation" ? t.text : null;
    if (!top) {
      if (t.kind === "keyword" && OPERATIONS.includes(t.text)) { root = index?.roots[t.text] ?? null; vars = []; }
      else if (t.text === "on" && isWord(next)) { root = next.text; k++; }
      else if (p === "(") stack.push({ kind: "variables" });
      else if (p === "{") { stack.push({ kind: "selection", type: root ?? index?.roots.query }); root = null; }
    } else if (top.kind === "variables") {
      if (p === ")") stack.pop();
      else if (t.kind === "variable" && next?.text === ":") {
        let end = k + 2;
        while (sig[end] && (sig[end].kind === "name" || "[]!".includes(sig[end].text))) end++;
        vars.push({ label: t.text, detail: sig.slice(k + 2, end).map((s) => s.text).join(""), kind: "variable" });
      }
    } else if (top.kind === "selection") {
      if (isWord(t)) {
        if (next?.text === ":") { k++; continue; } // an alias: the field name follows
        top.field = fieldsOf(top.type).find((f) => f.name === t.text);
        top.args = top.field?.args;
        top.fragment = undefined;
      } else if (p === "...") {
        if (next?.text === "on" && isWord(sig[k + 2])) { top.fragment = sig[k + 2].text; k += 2; }
        else if (isWord(next) && next.text !== "on") k++; // a fragment spread
        else top.fragment = top.type;
      } else if (p === "@" && isWord(next)) {
        top.args = index?.directives.find((d) => d.name === next.text)?.args;
        k++;
      } else if (p === "(") stack.push({ kind: "arguments", inputs: top.args ?? [], used: new Set() });
      else if (p === "{") {
        stack.push({ kind: "selection", type: top.fragment !== undefined ? top.fragment : namedType(top.field?.type) });
        top.fragment = undefined;
      } else if (p === "}") stack.pop();
    } else if (top.kind === "arguments" || top.kind === "object") {
      if (isWord(t) && next?.text === ":") {
        top.current = top.inputs.find((a) => a.name === t.text);
        top.used.add(t.text);
        k++;
      } else if (p === "{") stack.push({ kind: "object", inputs: typeOf(namedType(top.current?.type))?.inputFields ?? [], used: new Set() });
      else if (p === "[") stack.push({ kind: "list", of: elementType(top.current?.type) });
      else if ((p === ")" && top.kind === "arguments") || (p === "}" && top.kind === "object")) stack.pop();
    } else if (top.kind === "list") {
      if (p === "{") stack.push({ kind: "object", inputs: typeOf(namedType(top.of))?.inputFields ?? [], used: new Set() });
      else if (p === "[") stack.push({ kind: "list", of: elementType(top.of) });
      else if (p === "]") stack.pop();
    }
  }

  // Decide what fits at the caret.
  const top = stack[stack.length - 1], prev = sig[sig.length - 1], prev2 = sig[sig.length - 2];
  const valuesOf = (ref) => {
    const name = namedType(ref), type = typeOf(name);
    if (type?.kind === "ENUM") return (type.enumValues ?? []).map((v) => ({ label: v.name, detail: name, kind: "enum" }));
    if (name === "Boolean") return ["true", "false"].map((label) => ({ label, detail: "Boolean", kind: "keyword" }));
    return [];
  };
  const inputItem = (a) => ({ label: a.name, detail: typeString(a.type), kind: "argument" });
  let items = [];
  if (mode === "variable") {
    if (top && ["arguments", "object", "list"].includes(top.kind)) items = vars;
  } else if (!top) {
    if (prev?.text === "on") items = typesOfKind("OBJECT", "INTERFACE", "UNION");
    else if (!prev || prev.text === "}") {
      items = [...OPERATIONS.filter((op) => !index || index.roots[op]), "fragment", "{"]
        .map((label) => ({ label, detail: "keyword", kind: "keyword" }));
    }
  } else if (top.kind === "variables") {
    if (prev?.text === ":" || prev?.text === "[") items = typesOfKind("SCALAR", "ENUM", "INPUT_OBJECT");
  } else if (top.kind === "selection") {
    if (prev?.text === "...") {
      items = [{ label: "on", detail: "inline fragment", kind: "keyword" }];
      toks.forEach((t, k) => {
        const n = toks.slice(k + 1).filter((s) => !isTrivia(s));
        if (t.kind === "keyword" && t.text === "fragment" && n[0]?.kind === "name") items.push({ label: n[0].text, detail: `on ${n[2]?.text ?? ""}`, kind: "fragment" });
      });
    } else if (prev?.text === "on" && prev2?.text === "...") {
      const type = typeOf(top.type);
      items = !type ? typesOfKind("OBJECT", "INTERFACE", "UNION")
        : [type, ...(type.possibleTypes ?? []), ...(type.interfaces ?? [])]
          .map((t) => ({ label: t.name, detail: (typeOf(t.name)?.kind ?? t.kind ?? "").toLowerCase(), kind: "type" }));
    } else if (prev?.text === "@") {
      items = (index?.directives ?? []).map((d) => ({
        label: d.name, kind: "directive",
        detail: d.args?.length ? `(${d.args.map((a) => `${a.name}: ${typeString(a.type)}`).join(", ")})` : "directive",
      }));
    } else items = fieldsOf(top.type).map((f) => ({ label: f.name, detail: typeString(f.type), kind: "field" }));
  } else if (top.kind === "list") items = valuesOf(top.of);
  else if (prev?.text === ":") items = valuesOf(top.current?.type);
  else items = top.inputs.filter((a) => !top.used.has(a.name)).map(inputItem);

  return { from, to, items: filterItems(items, prefix) };
}
