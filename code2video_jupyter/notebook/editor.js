// The panel's code editor: a textarea over a highlighted copy of its text (anywidget ESM).
const KEYWORDS = new Set(("False None True and as assert async await break class continue def " +
  "del elif else except finally for from global if import in is lambda nonlocal not or pass " +
  "raise return try while with yield match case").split(" "));
const BUILTINS = new Set(("self super print len range list dict tuple set str int float bool " +
  "zip enumerate min max abs sum sorted isinstance").split(" "));
const TOKEN = /(#[^\n]*)|([rbfuRBFU]{0,2}(?:"""[\s\S]*?(?:"""|$)|'''[\s\S]*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?))|(\b\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?\b)|(@[A-Za-z_][\w.]*)|([A-Za-z_]\w*)/g;

function esc(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function highlight(src) {
  let out = "", last = 0, m;
  TOKEN.lastIndex = 0;
  while ((m = TOKEN.exec(src)) !== null) {
    if (m[0] === "") { TOKEN.lastIndex++; continue; }
    out += esc(src.slice(last, m.index));
    const t = esc(m[0]);
    let cls = null;
    if (m[1]) cls = "com";
    else if (m[2]) cls = "str";
    else if (m[3]) cls = "num";
    else if (m[4]) cls = "dec";
    else if (KEYWORDS.has(m[0])) cls = "kw";
    else if (BUILTINS.has(m[0])) cls = "bi";
    else if (/^[A-Z]/.test(m[0])) cls = "cls";
    out += cls ? `<span class="c2v-${cls}">${t}</span>` : t;
    last = TOKEN.lastIndex;
  }
  return out + esc(src.slice(last)) + "\n";
}

function render({ model, el }) {
  const wrap = document.createElement("div");
  wrap.className = "c2v-editor";
  const pre = document.createElement("pre");
  pre.setAttribute("aria-hidden", "true");
  const ta = document.createElement("textarea");
  ta.spellcheck = false;
  ta.setAttribute("autocapitalize", "off");
  ta.setAttribute("autocomplete", "off");
  wrap.append(pre, ta);
  el.appendChild(wrap);

  const size = () => { wrap.style.height = `${model.get("rows") * 1.45 + 1.2}em`; };
  const paint = () => { pre.innerHTML = highlight(ta.value); pre.scrollTop = ta.scrollTop;
                        pre.scrollLeft = ta.scrollLeft; };
  const load = () => { if (ta.value !== model.get("value")) { ta.value = model.get("value"); paint(); } };
  ta.readOnly = model.get("disabled");
  size(); load(); paint();

  ta.addEventListener("input", () => { paint(); model.set("value", ta.value); model.save_changes(); });
  ta.addEventListener("scroll", () => { pre.scrollTop = ta.scrollTop; pre.scrollLeft = ta.scrollLeft; });
  ta.addEventListener("keydown", (e) => {
    e.stopPropagation();  // keep Jupyter's command-mode shortcuts out of the editor
    if (e.key === "Tab" && !e.shiftKey) {
      e.preventDefault();
      const s = ta.selectionStart, end = ta.selectionEnd;
      ta.value = ta.value.slice(0, s) + "    " + ta.value.slice(end);
      ta.selectionStart = ta.selectionEnd = s + 4;
      ta.dispatchEvent(new Event("input"));
    }
  });
  model.on("change:value", load);
  model.on("change:rows", size);
  model.on("change:disabled", () => { ta.readOnly = model.get("disabled"); });
}

export default { render };
