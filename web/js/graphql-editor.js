// The console's GraphQL query editor: turns a <textarea> into a syntax-highlighted editor with
// schema-aware autocompletion. The textarea stays the real input (transparent text, visible
// caret) on top of a <pre> that mirrors its text as highlighted spans; the two share font
// metrics (copied from the textarea's computed style) and scroll position. Styles live in
// web/css/graphql-editor.css; the language logic in graphql-language.js.
import { tokenize, prettify as prettifyText, completionsAt } from "./graphql-language.js";

// Computed-style properties that decide where glyphs land; copied to the highlight layer and to
// the mirror element used to measure the caret position.
const METRICS = ["fontFamily", "fontSize", "fontWeight", "fontStyle", "fontStretch", "fontVariantLigatures",
  "fontFeatureSettings", "fontKerning", "lineHeight", "letterSpacing", "wordSpacing", "tabSize", "textIndent",
  "textTransform", "paddingTop", "paddingRight", "paddingBottom", "paddingLeft",
  "borderTopWidth", "borderRightWidth", "borderBottomWidth", "borderLeftWidth"];
const MAX_ITEMS = 200;
const escapeHtml = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

/** Highlighted HTML for a GraphQL text: one `<span class="tok-KIND [tok-ROLE]">` per token. */
function highlight(text) {
  return tokenize(text).map((t) => (t.kind === "whitespace" ? escapeHtml(t.text)
    : `<span class="tok-${t.kind}${t.role ? ` tok-${t.role}` : ""}">${escapeHtml(t.text)}</span>`)).join("");
}

/** Turns `textarea` into the editor. `getSchema()` returns the introspection `__schema` (or null:
 *  no completion); `onRun()` is called on Ctrl/Cmd+Enter. */
export function createEditor(textarea, { getSchema = () => null, onRun = () => {} } = {}) {
  const make = (tag, className) => Object.assign(document.createElement(tag), { className });
  const wrapper = make("div", "gql-editor");
  const layer = make("pre", "gql-highlight");
  const code = make("code", "");
  const popup = make("ul", "gql-completions");
  const mirror = make("div", "gql-mirror");
  layer.setAttribute("aria-hidden", "true");
  mirror.setAttribute("aria-hidden", "true");
  popup.setAttribute("role", "listbox");
  popup.hidden = true;
  layer.append(code);
  textarea.before(wrapper);
  wrapper.append(layer, textarea, popup, mirror);
  textarea.classList.add("gql-input");
  textarea.spellcheck = false;
  textarea.setAttribute("wrap", "off");
  for (const a of ["autocomplete", "autocorrect", "autocapitalize"]) textarea.setAttribute(a, "off");

  let state = null; // the open completion list: {from, to, items, index}
  let programmatic = false; // set while the editor itself inserts text

  const render = () => { code.innerHTML = highlight(textarea.value) + "\n"; };
  const syncScroll = () => { code.style.transform = `translate(${-textarea.scrollLeft}px, ${-textarea.scrollTop}px)`; };
  // Puts the highlight layer exactly under the textarea, with the same text metrics.
  const layout = () => {
    const style = getComputedStyle(textarea);
    for (const p of METRICS) layer.style[p] = mirror.style[p] = style[p];
    Object.assign(layer.style, {
      top: `${textarea.offsetTop}px`, left: `${textarea.offsetLeft}px`,
      width: `${textarea.offsetWidth}px`, height: `${textarea.offsetHeight}px`,
    });
    Object.assign(mirror.style, { top: `${textarea.offsetTop}px`, left: `${textarea.offsetLeft}px` });
    syncScroll();
  };

  // The caret's position for text offset `pos`, relative to the wrapper.
  const caretPoint = (pos) => {
    mirror.textContent = textarea.value.slice(0, pos);
    const mark = document.createElement("span");
    mark.textContent = "\u200b";
    mirror.append(mark);
    const m = mark.getBoundingClientRect(), box = mirror.getBoundingClientRect();
    mirror.textContent = "";
    return { left: textarea.offsetLeft + m.left - box.left - textarea.scrollLeft,
      top: textarea.offsetTop + m.top - box.top - textarea.scrollTop, height: m.height };
  };

  // Inserts text at the selection through the browser's editing commands (keeps undo).
  const insertText = (text) => {
    programmatic = true;
    try {
      if (document.activeElement !== textarea || !document.execCommand("insertText", false, text)) {
        textarea.setRangeText(text, textarea.selectionStart, textarea.selectionEnd, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
    } finally { programmatic = false; }
  };

  const close = () => { state = null; popup.hidden = true; popup.replaceChildren(); };
  const positionPopup = () => {
    if (!state) return;
    const caret = caretPoint(state.from);
    const below = caret.top + caret.height;
    const room = textarea.offsetTop + textarea.offsetHeight - below;
    popup.style.left = `${Math.max(0, caret.left)}px`;
    popup.style.top = `${room < popup.offsetHeight && caret.top - popup.offsetHeight > 0 ? caret.top - popup.offsetHeight : below}px`;
  };
  const select = (index) => {
    if (!state) return;
    const n = state.items.length;
    state.index = (index + n) % n;
    popup.querySelectorAll(".gql-completion").forEach((li, i) => li.classList.toggle("selected", i === state.index));
    popup.children[state.index]?.scrollIntoView({ block: "nearest" });
  };
  // Computes the completions at the caret and shows them (or closes the popup when none fit).
  const complete = (explicit) => {
    const schema = getSchema?.();
    const pos = textarea.selectionStart;
    if (!schema || typeof schema.then === "function" || pos !== textarea.selectionEnd) return close();
    const { from, to, items } = completionsAt(textarea.value, pos, schema);
    const typed = textarea.value.slice(from, pos);
    if (!items.length || (!explicit && items.length === 1 && items[0].label === typed)) return close();
    state = { from, to, items: items.slice(0, MAX_ITEMS), index: 0 };
    popup.replaceChildren(...state.items.map((item, i) => {
      const li = make("li", `gql-completion gql-kind-${item.kind}`);
      li.dataset.label = item.label;
      li.dataset.index = i;
      li.setAttribute("role", "option");
      li.append(Object.assign(make("span", "gql-completion-label"), { textContent: item.label }),
        Object.assign(make("span", "gql-completion-detail"), { textContent: item.detail ?? "" }));
      return li;
    }));
    popup.hidden = false;
    select(0);
    positionPopup();
  };
  const accept = (index) => {
    if (!state) return;
    const { from, to, items } = state;
    close();
    textarea.focus();
    textarea.setSelectionRange(from, to);
    insertText(items[index].label);
  };

  textarea.addEventListener("input", (event) => {
    render();
    syncScroll();
    if (programmatic) return;
    if (event.inputType === "insertText" && /[\w$@]$/.test(event.data ?? "")) complete(false);
    else if (state && event.inputType?.startsWith("delete")) complete(false);
    else close();
  });
  textarea.addEventListener("keydown", (event) => {
    const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
    if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
      event.preventDefault();
      close();
      onRun?.();
    } else if (event.ctrlKey && (event.key === " " || event.code === "Space")) {
      event.preventDefault();
      complete(true);
    } else if (state && plain && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
      event.preventDefault();
      select(state.index + (event.key === "ArrowDown" ? 1 : -1));
    } else if (state && plain && !event.shiftKey && (event.key === "Enter" || event.key === "Tab")) {
      event.preventDefault();
      accept(state.index);
    } else if (state && event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab" && plain && !event.shiftKey) {
      event.preventDefault();
      insertText("  ");
    } else if (state && /^(ArrowLeft|ArrowRight|Home|End|PageUp|PageDown)$/.test(event.key)) close();
  });
  textarea.addEventListener("scroll", () => { syncScroll(); positionPopup(); });
  textarea.addEventListener("blur", close);
  textarea.addEventListener("mousedown", close);
  popup.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus
  popup.addEventListener("click", (event) => {
    const li = event.target.closest(".gql-completion");
    if (li) accept(Number(li.dataset.index));
  });
  if (typeof ResizeObserver === "function") new ResizeObserver(layout).observe(textarea);
  document.fonts?.ready.then(layout);
  layout();
  render();

  return {
    element: wrapper,
    getValue: () => textarea.value,
    setValue(text) {
      textarea.value = text ?? "";
      close();
      render();
      syncScroll();
    },
    /** Re-prints the query; returns null, or the parse error's message (the text is kept). */
    prettify() {
      let pretty;
      try { pretty = prettifyText(textarea.value); } catch (error) { return error.message; }
      if (pretty !== textarea.value) {
        textarea.focus();
        textarea.select();
        insertText(pretty); // one undoable edit; fires "input" for the caller's listeners
        textarea.setSelectionRange(0, 0);
        textarea.scrollTop = 0;
        syncScroll();
      }
      return null;
    },
    refresh() { layout(); render(); },
  };
}
