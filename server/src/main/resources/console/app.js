// Scion console: plain JavaScript over the same HTTP API that clients use.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: sessionStorage.getItem("scion.key") || "", me: null, chat: [], scroll: null };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") e.className = v;
    else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return e;
}

/** Calls the API with the key; throws an Error holding the server's one-line reason. */
async function api(method, path, body, raw) {
  const headers = {};
  if (state.key) headers["api-key"] = state.key;
  let payload;
  if (raw) payload = body;
  else if (body !== undefined) { headers["Content-Type"] = "application/json"; payload = JSON.stringify(body); }
  const r = await fetch(path, { method, headers, body: payload });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch (_) { /* not JSON */ }
  if (!r.ok) {
    const reason = (json && ((json.status && json.status.error) || (json.error && json.error.message))) || text;
    const e = new Error(r.status + ": " + reason);
    e.status = r.status;
    throw e;
  }
  return json;
}

function showError(target, e) {
  target.textContent = e.message;
  target.className = "error";
}

// ---- login and tabs ----

async function login() {
  try {
    state.me = await api("GET", "/whoami");
  } catch (e) {
    state.me = null;
    $("login").hidden = false;
    $("tabs").hidden = true;
    if (state.key) showError($("login-error"), e);
    return;
  }
  $("login").hidden = true;
  $("tabs").hidden = false;
  $("logout").hidden = !state.me.keys_required;
  $("who").textContent = "tenant " + state.me.tenant + (state.me.admin ? " (administrator)" : "") + (state.me.user ? " · " + state.me.user : "");
  if (state.me.user) $("inbox-user").value = state.me.user; // a key bound to a person decides as them
  $("tenants-link").hidden = !(state.me.admin && state.me.keys_required);
  show(location.hash.slice(1) || "chat");
}

$("login-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  state.key = $("login-key").value.trim();
  sessionStorage.setItem("scion.key", state.key);
  login();
});

$("logout").addEventListener("click", () => {
  sessionStorage.removeItem("scion.key");
  state.key = "";
  location.hash = "";
  location.reload();
});

const loaders = { chat: loadChat, knowledge: loadKnowledge, forms: () => {}, people: loadPeople, collections: loadCollections, usage: loadUsage, analytics: loadAnalytics, tenants: loadTenants };

function show(tab) {
  if (!loaders[tab]) tab = "chat";
  for (const s of document.querySelectorAll("section.tab")) s.hidden = s.id !== tab;
  for (const a of document.querySelectorAll("#tabs a")) a.classList.toggle("active", a.dataset.tab === tab);
  loaders[tab]();
}

window.addEventListener("hashchange", () => state.me && show(location.hash.slice(1)));

// ---- chat playground ----

async function loadChat() {
  const models = await api("GET", "/v1/models");
  const select = $("chat-model");
  const current = select.value;
  select.replaceChildren(...models.data.filter((m) => m.owned_by === "scion-pack")
    .map((m) => el("option", { value: m.id }, m.id)));
  if (current) select.value = current;
  if (!$("chat-today").value) $("chat-today").value = new Date().toISOString().slice(0, 10);
}

function addMessage(role, text) {
  const log = $("chat-log");
  log.append(el("div", { class: "msg " + role }, text));
  log.scrollTop = log.scrollHeight;
}

$("chat-new").addEventListener("click", () => {
  state.chat = [];
  $("chat-log").replaceChildren();
  $("chat-intents").replaceChildren();
  $("chat-state").textContent = "{}";
});

$("chat-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const text = $("chat-input").value.trim();
  if (!text) return;
  $("chat-input").value = "";
  state.chat.push({ role: "user", content: text });
  addMessage("user", text);
  try {
    const r = await api("POST", "/v1/chat/completions", {
      model: $("chat-model").value, messages: state.chat, today: $("chat-today").value || undefined });
    const reply = r.choices[0].message.content;
    state.chat.push({ role: "assistant", content: reply });
    addMessage("assistant", reply);
    $("chat-intents").replaceChildren(...(r.scion.intents || []).map((i) => el("span", {}, i)));
    $("chat-state").textContent = JSON.stringify(r.scion.state, null, 2);
  } catch (e) {
    state.chat.pop();
    addMessage("assistant error", e.message);
  }
});

// ---- knowledge bases ----

async function loadKnowledge() {
  const names = (await api("GET", "/kb")).result;
  const select = $("kb-name");
  const current = select.value;
  select.replaceChildren(...names.map((n) => el("option", { value: n }, n)));
  if (current && names.includes(current)) select.value = current;
  await loadDocuments();
}

async function loadDocuments() {
  const name = $("kb-name").value;
  if (!name) { $("kb-docs").textContent = "No knowledge base yet: create one."; return; }
  const info = await api("GET", "/kb/" + encodeURIComponent(name));
  $("kb-docs").textContent = info.documents.length + " documents, " + info.tokens + " tokens: "
    + info.documents.map((d) => d.source).join(", ");
}

$("kb-name").addEventListener("change", loadDocuments);

$("kb-create").addEventListener("click", async () => {
  const name = $("kb-new").value.trim();
  try {
    await api("PUT", "/kb/" + encodeURIComponent(name), {});
    $("kb-new").value = "";
    await loadKnowledge();
    $("kb-name").value = name;
    await loadDocuments();
  } catch (e) { showError($("kb-upload-result"), e); }
});

$("kb-upload").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const form = new FormData();
  for (const f of $("kb-file").files) form.append("file", f, f.name);
  const out = $("kb-upload-result");
  try {
    const base = "/kb/" + encodeURIComponent($("kb-name").value);
    let r = await api("POST", base + "/documents", form, true);
    if (!Array.isArray(r.result)) { // a large upload runs as a job: show its progress until it ends
      let job = r.result;
      while (job.status === "queued" || job.status === "running") {
        out.className = "muted";
        out.textContent = "ingesting: " + job.chunks_done + " of " + job.chunks_total + " chunks";
        await new Promise((done) => setTimeout(done, 1000));
        job = (await api("GET", base + "/jobs/" + job.id)).result;
      }
      if (job.status === "failed") throw new Error(job.error);
      r = { result: job.documents };
    }
    out.className = "";
    out.textContent = r.result.map((x) => x.source + ": " + x.status + " (" + x.chunks + " chunks)").join("; ");
    await loadDocuments();
  } catch (e) { showError(out, e); }
});

$("kb-ask").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const out = $("kb-answer");
  try {
    const r = (await api("POST", "/kb/" + encodeURIComponent($("kb-name").value) + "/ask",
      { question: $("kb-question").value })).result;
    out.replaceChildren(
      el("p", { id: "kb-answer-text" }, r.answer),
      el("p", { class: "muted" }, r.context_tokens + " context tokens instead of " + r.knowledge_base_tokens),
      ...r.citations.map((c) => el("div", { class: "citation" },
        el("b", {}, "[" + c.n + "] " + c.source + (c.titles.length ? " › " + c.titles.join(" › ") : "")),
        el("div", {}, c.text))));
  } catch (e) { showError(out, e); }
});

$("kb-search").addEventListener("click", async () => {
  const out = $("kb-answer");
  try {
    const r = (await api("POST", "/kb/" + encodeURIComponent($("kb-name").value) + "/search",
      { query: $("kb-question").value, limit: 5 })).result;
    out.replaceChildren(...r.map((p) => el("div", { class: "citation" },
      el("b", {}, p.citation + "  (" + p.score.toFixed(3) + ")"), el("div", {}, p.text))));
  } catch (e) { showError(out, e); }
});

// ---- forms: compile, render, draw the flow, deploy, start, inbox ----

let compiled = null;

$("form-compile").addEventListener("click", async () => {
  $("form-error").textContent = "";
  try {
    compiled = await api("POST", "/forms/compile", { text: $("form-text").value });
    $("form-source").textContent = compiled.source;
    renderForm(compiled.form, false);
    $("form-flow").replaceChildren(drawFlow(compiled.flow));
    $("form-deploy").disabled = false;
    $("form-deployed").textContent = "";
  } catch (e) { showError($("form-error"), e); }
});

$("form-deploy").addEventListener("click", async () => {
  try {
    let r;
    try {
      r = await api("POST", "/forms", { source: compiled.source });
    } catch (e) {
      if (e.status !== 409 || !confirm(e.message.replace(/^409: /, "") + "\n\nReplace it?")) throw e;
      r = await api("POST", "/forms?replace=true", { source: compiled.source });
    }
    compiled.key = r.key;
    $("form-deployed").textContent = "deployed as " + r.key;
    renderForm(compiled.form, true);
  } catch (e) { showError($("form-error"), e); }
});

/** The form's fields from its JSON Schema; once deployed, a way to start a request. */
function renderForm(schema, deployed) {
  const form = $("form-render");
  const rows = [el("h4", {}, schema.title || "")];
  const required = new Set(schema.required || []);
  for (const [name, p] of Object.entries(schema.properties || {})) {
    let input;
    if (p.enum) input = el("select", { name }, el("option", { value: "" }, "—"), ...p.enum.map((v) => el("option", { value: v }, v)));
    else if (p.type === "boolean") input = el("input", { name, type: "checkbox" });
    else if (p.type === "number" || p.type === "integer") input = el("input", { name, type: "number" });
    else if (p.format === "date") input = el("input", { name, type: "date" });
    else input = el("input", { name });
    input.dataset.type = p.type;
    rows.push(el("label", {}, el("span", {}, name.replace(/_/g, " ") + (required.has(name) ? " *" : "")), input));
  }
  if (deployed) {
    rows.push(el("label", {}, el("span", {}, "applicant"), el("input", { name: "$applicant", value: "lan" })));
    rows.push(el("label", {}, el("span", {}, "manager"), el("input", { name: "$manager", placeholder: "from People" })));
    rows.push(el("button", { type: "submit", id: "form-start" }, "Start a request"));
  }
  form.replaceChildren(...rows);
}

$("form-render").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const data = {};
  let applicant = "", manager = "";
  for (const input of ev.target.querySelectorAll("input, select")) {
    if (input.name === "$applicant") applicant = input.value;
    else if (input.name === "$manager") manager = input.value;
    else if (input.type === "checkbox") data[input.name] = input.checked;
    else if (input.value !== "") data[input.name] = input.dataset.type === "number" || input.dataset.type === "integer" ? Number(input.value) : input.value;
  }
  try {
    const r = await api("POST", "/forms/" + compiled.key + "/requests", manager ? { applicant, manager, data } : { applicant, data });
    addRequest(r.id);
    $("form-error").textContent = "";
  } catch (e) { showError($("form-error"), e); }
});

/** The approval flow as boxes joined by arrows, one box per step. */
function drawFlow(flow) {
  const ns = "http://www.w3.org/2000/svg";
  const w = 170, h = 64, gap = 40;
  const steps = [{ name: "start", approvers: ["applicant"] }, ...flow.steps, { name: "done", approvers: [] }];
  const svg = document.createElementNS(ns, "svg");
  const width = steps.length * (w + gap) - gap + 10;
  svg.setAttribute("viewBox", "0 0 " + width + " " + (h + 20));
  svg.setAttribute("width", "100%"); // scaled down to fit its card, never up
  svg.setAttribute("style", "max-width:" + width + "px");
  svg.setAttribute("id", "flow-svg");
  const add = (tag, attrs, text) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text) e.textContent = text;
    svg.append(e);
    return e;
  };
  steps.forEach((s, i) => {
    const x = i * (w + gap) + 5;
    add("rect", { x, y: 10, width: w, height: h, rx: 8, fill: i === 0 || i === steps.length - 1 ? "#eef2ff" : "#fff", stroke: "#2563eb", class: "flow-step" });
    add("text", { x: x + 8, y: 30, "font-weight": "bold", "font-size": 13 }, s.name);
    const who = (s.approvers || []).join(", ") + (s.mode && s.approvers.length > 1 ? " (" + s.mode + ")" : "");
    add("text", { x: x + 8, y: 48, "font-size": 11 }, who.length > 28 ? who.slice(0, 27) + "…" : who).append(title(who));
    if (s.when) add("text", { x: x + 8, y: 64, "font-size": 11, fill: "#6b7280" }, "if " + s.when);
    if (i < steps.length - 1) {
      add("line", { x1: x + w, y1: 10 + h / 2, x2: x + w + gap - 4, y2: 10 + h / 2, stroke: "#6b7280", "marker-end": "url(#arrow)" });
    }
  });
  const defs = document.createElementNS(ns, "defs");
  defs.innerHTML = '<marker id="arrow" markerWidth="8" markerHeight="8" refX="6" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#6b7280"/></marker>';
  svg.prepend(defs);
  return svg;
}

/** A tooltip for an SVG element: the whole text of a shortened label. */
function title(text) {
  const t = document.createElementNS("http://www.w3.org/2000/svg", "title");
  t.textContent = text;
  return t;
}

function addRequest(id) {
  const li = el("li", { "data-request": id }, "request " + id + ": …");
  li.addEventListener("click", () => refreshRequest(li, id));
  $("requests").prepend(li);
  refreshRequest(li, id);
}

async function refreshRequest(li, id) {
  const r = await api("GET", "/forms/requests/" + id);
  li.textContent = "request " + id + ": " + r.status + (r.audit.length ? " — " + r.audit.join(", ") : "");
}

async function loadInbox() {
  const user = $("inbox-user").value.trim();
  const groups = $("inbox-groups").value.trim();
  const r = await api("GET", "/forms/tasks?user=" + encodeURIComponent(user) + (groups ? "&groups=" + encodeURIComponent(groups) : ""));
  $("inbox").tBodies[0].replaceChildren(...r.result.map((t) => el("tr", {},
    el("td", {}, t.request), el("td", {}, t.step),
    el("td", {},
      el("button", { class: "approve", onclick: () => decide(t, "approve") }, "Approve"), " ",
      el("button", { class: "secondary", onclick: () => decide(t, "reject") }, "Reject")))));
}

async function decide(task, action) {
  $("form-error").textContent = "";
  const comment = $("inbox-comment").value.trim();
  try {
    await api("POST", "/forms/tasks/" + task.id + "/" + action, comment ? { user: $("inbox-user").value.trim(), comment } : { user: $("inbox-user").value.trim() });
    $("inbox-comment").value = "";
  } catch (e) { showError($("form-error"), e); }
  await loadInbox();
  for (const li of document.querySelectorAll("#requests li")) refreshRequest(li, li.dataset.request);
}

$("inbox-form").addEventListener("submit", (ev) => { ev.preventDefault(); loadInbox().catch((e) => showError($("form-error"), e)); });

// ---- people: the organisation directory ----

async function loadPeople() {
  try {
    const r = await api("GET", "/forms/directory/people");
    $("people-list").tBodies[0].replaceChildren(...r.result.map((p) => el("tr", { "data-person": p.id },
      el("td", {}, p.id), el("td", {}, p.name), el("td", {}, p.manager || "—"), el("td", {}, p.roles.join(", ") || "—"),
      el("td", {}, el("button", { class: "secondary", onclick: () => removePerson(p.id) }, "Remove")))));
  } catch (e) { showError($("people-error"), e); }
}

$("person-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  $("people-error").textContent = "";
  const id = $("person-id").value.trim();
  const roles = $("person-roles").value.split(",").map((r) => r.trim()).filter((r) => r);
  const body = { name: $("person-name").value.trim() || null, manager: $("person-manager").value.trim() || null, roles };
  try {
    await api("PUT", "/forms/directory/people/" + encodeURIComponent(id), body);
    for (const f of ["person-id", "person-name", "person-manager", "person-roles"]) $(f).value = "";
    await loadPeople();
  } catch (e) { showError($("people-error"), e); }
});

$("people-import").addEventListener("click", async () => {
  $("people-error").textContent = "";
  try {
    const r = await api("POST", "/forms/directory/import", $("people-csv").value, true);
    $("people-imported").textContent = "imported " + r.imported;
    await loadPeople();
  } catch (e) { showError($("people-error"), e); }
});

async function removePerson(id) {
  try {
    await api("DELETE", "/forms/directory/people/" + encodeURIComponent(id));
    await loadPeople();
  } catch (e) { showError($("people-error"), e); }
}

// ---- collections browser ----

async function loadCollections() {
  const r = await api("GET", "/collections");
  $("coll-list").replaceChildren(...r.result.collections.map((c) =>
    el("li", { onclick: () => openCollection(c.name) }, c.name)));
}

async function openCollection(name) {
  const info = (await api("GET", "/collections/" + encodeURIComponent(name))).result;
  $("coll-title").textContent = name;
  $("coll-info").textContent = info.points_count + " points, " + JSON.stringify(info.config.params.vectors);
  $("coll-points").tBodies[0].replaceChildren();
  state.scroll = { name, offset: null };
  await morePoints();
}

async function morePoints() {
  const s = state.scroll;
  const body = { limit: 20, with_payload: true };
  if (s.offset !== null) body.offset = s.offset;
  const r = (await api("POST", "/collections/" + encodeURIComponent(s.name) + "/points/scroll", body)).result;
  for (const p of r.points) {
    $("coll-points").tBodies[0].append(el("tr", {}, el("td", {}, p.id), el("td", {}, el("code", {}, JSON.stringify(p.payload)))));
  }
  s.offset = r.next_page_offset;
  $("coll-more").hidden = s.offset === null || s.offset === undefined;
}

$("coll-more").addEventListener("click", morePoints);

// ---- usage ----

async function loadUsage() {
  if (state.me.admin && state.me.keys_required) {
    $("usage-tenant-label").hidden = false;
    const select = $("usage-tenant");
    if (!select.options.length) {
      const tenants = (await api("GET", "/admin/tenants")).result;
      select.replaceChildren(...tenants.map((t) => el("option", { value: t.id }, t.id)));
    }
  }
  const minutes = $("usage-minutes").value;
  const tenant = $("usage-tenant").value;
  const u = state.me.admin && state.me.keys_required && tenant
    ? await api("GET", "/admin/tenants/" + tenant + "/usage?minutes=" + minutes)
    : await api("GET", "/usage?minutes=" + minutes);
  const cards = [["requests", u.requests], ["tokens", u.tokens], ["refused (limits)", u.limited], ["errors", u.errors],
    ["vectors stored", u.vectors], ["documents", u.documents], ["form requests", u.form_instances]];
  $("usage-cards").replaceChildren(...cards.map(([k, v]) => el("div", { class: "card" }, el("b", {}, v), k)));
  $("usage-requests").replaceChildren(bars(u.series, "requests", Number(minutes)));
  $("usage-tokens").replaceChildren(bars(u.series, "tokens", Number(minutes)));
}

/** A bar per minute of the window (an empty minute has no bar). */
function bars(series, field, minutes) {
  return timeBars(series, field, minutes, "minute", 60000, "/min");
}

/**
 * A bar per period ({@code unit} milliseconds long, named by each point's {@code key}) of the last
 * {@code periods}, the latest at the right; an empty period has no bar.
 */
function timeBars(series, field, periods, key, unit, per) {
  const ns = "http://www.w3.org/2000/svg";
  const width = 720, height = 140;
  const svg = document.createElementNS(ns, "svg");
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  const end = Math.floor(Date.now() / unit);
  const max = Math.max(1, ...series.map((m) => m[field]));
  const bw = width / periods;
  for (const m of series) {
    const i = periods - 1 - (end - Math.floor(Date.parse(m[key]) / unit));
    if (i < 0) continue;
    const bh = (m[field] / max) * (height - 20);
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", i * bw);
    r.setAttribute("y", height - bh);
    r.setAttribute("width", Math.max(1, bw - 1));
    r.setAttribute("height", bh);
    r.setAttribute("fill", "#2563eb");
    r.setAttribute("class", "bar");
    const t = document.createElementNS(ns, "title");
    t.textContent = m[key] + ": " + m[field];
    r.append(t);
    svg.append(r);
  }
  const label = document.createElementNS(ns, "text");
  label.setAttribute("x", 4);
  label.setAttribute("y", 14);
  label.setAttribute("font-size", 11);
  label.textContent = "max " + max + " " + field.replace("_", " ") + per;
  svg.append(label);
  return svg;
}

$("usage-refresh").addEventListener("click", loadUsage);
$("usage-minutes").addEventListener("change", loadUsage);
$("usage-tenant").addEventListener("change", loadUsage);

// ---- analytics: what customers asked, what the packs did ----

async function loadAnalytics() {
  const select = $("an-pack");
  if (!select.options.length) {
    const models = await api("GET", "/v1/models");
    select.replaceChildren(...models.data.filter((m) => m.owned_by === "scion-pack")
      .map((m) => el("option", { value: m.id }, m.id)));
  }
  if (!$("an-since").value) {
    $("an-since").value = new Date(Date.now() - 7 * 86400000).toISOString().slice(0, 10);
  }
  const pack = encodeURIComponent(select.value);
  if (!pack) return;
  const a = await api("GET", "/analytics?pack=" + pack + "&since=" + $("an-since").value);
  const cards = [["conversations", a.conversations], ["turns", a.turns], ["handed off", a.handoffs],
    ["contained", Math.round(a.containment_rate * 100) + "%"], ["not understood", a.not_understood],
    ["low confidence", a.low_confidence], ["unanswered", a.unanswered.reduce((n, u) => n + u.count, 0)]];
  $("an-cards").replaceChildren(...cards.map(([k, v]) => el("div", { class: "card" }, el("b", {}, String(v)), k)));
  state.analytics = a;
  drawDays();
  $("an-intents").replaceChildren(el("tr", {}, el("th", {}, "intent"), el("th", {}, "turns")),
    ...Object.entries(a.intents).sort((x, y) => y[1] - x[1])
      .map(([k, v]) => el("tr", {}, el("td", {}, k), el("td", {}, String(v)))));
  $("an-tasks").replaceChildren(el("tr", {}, el("th", {}, "task"), el("th", {}, "started"), el("th", {}, "completed")),
    ...Object.entries(a.tasks).map(([k, v]) =>
      el("tr", {}, el("td", {}, k), el("td", {}, String(v.started)), el("td", {}, String(v.completed)))));
  $("an-unanswered").replaceChildren(...a.unanswered.map((u) => el("li", {title: (u.examples || []).join("\n")},
    u.text + " (" + u.count + ")" + ((u.examples || []).length ? " · also: " + u.examples.join("; ") : ""))));
  const turns = await api("GET", "/analytics/turns?pack=" + pack + "&limit=50&filter=" + $("an-filter").value);
  $("an-turns").replaceChildren(...turns.map((t) => {
    const li = el("li", { class: "turn" },
      el("div", {}, el("b", {}, "customer: "), t.user),
      el("div", {}, el("b", {}, "reply: "), t.reply),
      el("div", { class: "muted" }, [t.at.slice(0, 16).replace("T", " "), t.intents.join(", "),
        t.confidence === undefined ? "" : "confidence " + t.confidence.toFixed(2), t.outcome.join(", "),
        t.model_version ? "model " + t.model_version : ""]
        .filter((x) => x).join(" · ")));
    li.append(el("button", { class: "secondary teach-open", onclick: (ev) => { ev.target.remove(); openTeach(li, t); } }, "Teach"));
    return li;
  }));
  await loadVersions();
}

/** The chosen count per day since the chosen date, from the analytics last loaded. */
function drawDays() {
  const a = state.analytics;
  if (!a) return;
  const days = Math.max(1, Math.ceil((Date.now() - Date.parse(a.since)) / 86400000));
  $("an-days").replaceChildren(timeBars(a.by_day, $("an-series").value, days, "day", 86400000, "/day"));
}
$("an-series").addEventListener("change", drawDays);

// ---- teaching a pack: annotate a turn, post it as a reviewed example, train and promote ----

/** The words of a text with their character offsets, split as the server's models split them. */
function wordsOf(text) {
  const re = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}])+(?:['\-.,](?:(?!\p{Script=Han})[\p{L}\p{N}])+)*|\S/gu;
  return [...text.matchAll(re)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

async function packInfo(pack) {
  state.packs = state.packs || {};
  if (!state.packs[pack]) state.packs[pack] = await api("GET", "/packs/" + encodeURIComponent(pack));
  return state.packs[pack];
}

/**
 * Opens the annotation form under a turn: pick the intent, pick a slot and click the first and
 * last word of its value (again for the next slot), then add the example.
 */
async function openTeach(li, turn) {
  const pack = $("an-pack").value;
  const info = await packInfo(pack);
  const lang = /\p{Script=Han}/u.test(turn.user) && info.languages.includes("zh") ? "zh" : "en";
  const intent = el("select", { class: "teach-intent" },
    ...info.intents[lang].map((i) => el("option", { value: i }, i)));
  if (turn.intents.length && info.intents[lang].includes(turn.intents[0])) intent.value = turn.intents[0];
  const slot = el("select", { class: "teach-slot" }, ...info.slots[lang].map((x) => el("option", { value: x }, x)));
  const spans = [];
  let first = null;
  const words = wordsOf(turn.user).map((w) => {
    const b = el("span", { class: "word", title: "click the first and the last word of a slot value" }, w.text);
    b.addEventListener("click", () => {
      if (first === null) { first = w; b.classList.add("picked"); return; }
      const from = Math.min(first.start, w.start);
      const to = Math.max(first.end, w.end);
      first = null;
      spans.push({ start: from, end: to, slot: slot.value });
      paint();
    });
    w.node = b;
    return w;
  });
  function paint() {
    for (const w of words) {
      const s = spans.find((x) => w.start >= x.start && w.end <= x.end);
      w.node.className = "word" + (s ? " marked" : "");
      w.node.title = s ? s.slot : "click the first and the last word of a slot value";
    }
    marks.textContent = spans.map((x) => x.slot + " = " + turn.user.slice(x.start, x.end)).join("; ") || "no slots marked";
  }
  const marks = el("span", { class: "muted teach-marks" }, "no slots marked");
  const result = el("span", { class: "teach-result" });
  const form = el("div", { class: "teach" },
    el("div", { class: "teach-words" }, ...words.flatMap((w) => [w.node, " "])),
    el("div", { class: "row" },
      el("label", {}, "Intent ", intent),
      el("label", {}, "Slot ", slot),
      el("button", { class: "secondary", onclick: () => { spans.length = 0; first = null; paint(); } }, "Clear slots"),
      el("button", { class: "teach-add", onclick: async () => {
        try {
          const made = await api("POST", "/packs/" + encodeURIComponent(pack) + "/examples",
            { text: turn.user, intents: [intent.value], slots: spans.map(({ start, end, slot }) => ({ start, end, slot })), lang });
          result.className = "teach-result ok";
          result.textContent = "added as example " + made.id;
          await loadVersions();
        } catch (e) { result.className = "teach-result error"; result.textContent = e.message; }
      } }, "Add example")),
    el("div", {}, marks, " ", result));
  li.append(form);
}

/** The tenant's reviewed examples and versions of the pack, with train, promote and roll back. */
async function loadVersions() {
  const pack = $("an-pack").value;
  if (!pack) return;
  const p = encodeURIComponent(pack);
  const examples = (await api("GET", "/packs/" + p + "/examples")).result;
  const v = await api("GET", "/packs/" + p + "/versions");
  $("an-versions-summary").textContent = examples.length + " reviewed example(s); serving " + v.serving;
  $("an-versions").replaceChildren(...v.versions.map((x) => el("li", {},
    el("b", {}, x.version), " " + x.status + (x.status === "training" ? " " + Math.round(x.progress * 100) + "%" : "")
      + " · " + x.reviewed_examples + " reviewed" + (x.serving ? " · serving" : ""), " ",
    x.status === "ready" && !x.serving
      ? el("button", { class: "secondary", onclick: () => versionAction("/packs/" + p + "/versions/" + x.version + "/promote") }, "Promote")
      : "")));
}

async function versionAction(path) {
  try {
    await api("POST", path);
    $("an-versions-error").textContent = "";
  } catch (e) { showError($("an-versions-error"), e); }
  await loadVersions();
}

$("an-train").addEventListener("click", () => versionAction("/packs/" + encodeURIComponent($("an-pack").value) + "/train"));
$("an-rollback").addEventListener("click", () => versionAction("/packs/" + encodeURIComponent($("an-pack").value) + "/rollback"));
$("an-versions-refresh").addEventListener("click", loadVersions);

$("an-refresh").addEventListener("click", loadAnalytics);
$("an-filter").addEventListener("change", loadAnalytics);
$("an-pack").addEventListener("change", loadAnalytics);
$("an-since").addEventListener("change", loadAnalytics);

// ---- tenants and keys (the administrator) ----

let selectedTenant = null;

async function loadTenants() {
  const tenants = (await api("GET", "/admin/tenants")).result;
  $("tenant-list").tBodies[0].replaceChildren(...tenants.map((t) =>
    el("tr", { onclick: () => loadKeys(t.id), style: "cursor:pointer" },
      el("td", {}, t.id), el("td", {}, t.name), el("td", {}, t.keys),
      el("td", {}, t.id === "default" ? "" : el("button", { class: "secondary", onclick: (ev) => { ev.stopPropagation(); deleteTenant(t.id); } }, "Delete")))));
  if (!selectedTenant && tenants.length) selectedTenant = tenants[0].id;
  if (selectedTenant) await loadKeys(selectedTenant);
}

async function loadKeys(tenant) {
  selectedTenant = tenant;
  $("keys-title").textContent = "Keys of " + tenant;
  const keys = (await api("GET", "/admin/tenants/" + tenant + "/keys")).result;
  $("key-list").tBodies[0].replaceChildren(...keys.map((k) => el("tr", {},
    el("td", {}, k.id), el("td", {}, k.name),
    el("td", {}, "packs: " + (k.packs.join(", ") || "all") + "; collections: " + (k.collections.join(", ") || "all")),
    el("td", {}, (k.requests_per_minute || "∞") + " req/min, " + (k.tokens_per_minute || "∞") + " tokens/min"),
    el("td", {}, el("button", { class: "secondary", onclick: () => revoke(tenant, k.id) }, "Revoke")))));
}

async function deleteTenant(id) {
  if (!confirm("Delete tenant " + id + " with all its data?")) return;
  try {
    await api("DELETE", "/admin/tenants/" + id);
    if (selectedTenant === id) selectedTenant = null;
    await loadTenants();
  } catch (e) { showError($("tenant-error"), e); }
}

async function revoke(tenant, id) {
  try {
    await api("DELETE", "/admin/tenants/" + tenant + "/keys/" + id);
    await loadTenants();
  } catch (e) { showError($("tenant-error"), e); }
}

const names = (text) => text.split(",").map((x) => x.trim()).filter((x) => x);

$("tenant-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const t = await api("POST", "/admin/tenants", { id: $("tenant-id").value.trim(), name: $("tenant-name").value.trim() });
    selectedTenant = t.id;
    $("tenant-error").textContent = "";
    await loadTenants();
  } catch (e) { showError($("tenant-error"), e); }
});

$("key-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  try {
    const k = await api("POST", "/admin/tenants/" + selectedTenant + "/keys", {
      name: $("key-name").value.trim() || undefined,
      packs: names($("key-packs").value), collections: names($("key-collections").value),
      requests_per_minute: Number($("key-rpm").value || 0), tokens_per_minute: Number($("key-tpm").value || 0) });
    $("key-secret").replaceChildren("New key (shown only now): ", el("code", { id: "new-key" }, k.key));
    await loadTenants();
  } catch (e) { showError($("tenant-error"), e); }
});

login();
