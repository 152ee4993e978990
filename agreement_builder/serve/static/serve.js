// agreement serve: saves each change as it is made, and shows the checker's findings at their fields.
// Plain script, no build step; everything it needs comes from this server.
"use strict";
(function () {
  const token = document.body.dataset.token;
  const form = document.getElementById("agreement");
  const status = document.getElementById("status");
  const saved = document.getElementById("saved");
  const banner = document.getElementById("banner");
  const preview = document.getElementById("preview");
  let state = JSON.parse(document.getElementById("initial-state").textContent);
  let fields = new Map();  // JSON pointer -> the element that shows that part of the file
  const timers = new Map();  // pending typing, per control
  let queue = Promise.resolve();
  let stopped = false;
  let pending = 0;  // saves under way: a check for changes made elsewhere would race with them
  let generation = 0;
  const SEVERITY = { error: "Error", warning: "Warning", info: "Note", advice: "Advice" };

  function index() {
    fields = new Map();
    for (const el of document.querySelectorAll("[data-path]")) fields.set(el.dataset.path, el);  // innermost wins
  }

  function announce(text) {
    status.textContent = "";
    window.setTimeout(() => { status.textContent = text; }, 50);
  }

  function request(method, url, body) {
    return fetch(url, {
      method, headers: { "X-Agreement-Token": token, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin", cache: "no-store",
    }).then((r) => r.json().then((data) => ({ ok: r.ok, status: r.status, data })));
  }

  // ------------------------------------------------------------ findings

  function target(path) {
    let p = path;
    for (;;) {
      if (fields.has(p)) return fields.get(p);
      if (p === "") return null;
      p = p.slice(0, p.lastIndexOf("/"));
    }
  }

  function sectionOf(path) {
    const top = "/" + path.split("/")[1];
    return path === "" ? null : top;
  }

  function place(findings) {
    for (const ul of document.querySelectorAll("ul.findings, ul.section-findings")) ul.replaceChildren();
    for (const el of document.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const b of document.querySelectorAll(".badge")) { b.hidden = true; b.textContent = ""; }
    const perSection = new Map();
    const counts = { error: 0, warning: 0, info: 0, advice: 0, waived: 0 };
    findings.forEach((f, n) => {
      const el = target(f.path);
      const id = "finding-" + n;
      if (f.waived === null) counts[f.severity] += 1; else counts.waived += 1;
      if (el) {
        const list = document.getElementById(el.dataset.findings);
        if (list) list.append(item(f, id));
        if (f.severity === "error" && f.waived === null) {
          const control = el.querySelector("input, select, textarea");
          if (control && el.classList.contains("field")) control.setAttribute("aria-invalid", "true");
        }
        for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) bump(d.querySelector(".badge"), f);
      }
      const section = sectionOf(f.path) || "";
      if (!perSection.has(section)) perSection.set(section, []);
      perSection.get(section).push([f, id]);
    });
    for (const li of document.querySelectorAll(".sections > li")) {
      const found = (perSection.get(li.dataset.section) || []).filter(([f]) => f.waived === null);
      li.querySelector(".counts").textContent = found.length ? `${found.length} to look at` : "";
      const list = li.querySelector(".section-findings");
      for (const [f, id] of found) {
        const a = document.createElement("a");
        a.href = "#" + id;
        a.className = "jump sev-" + f.severity;
        a.textContent = `${SEVERITY[f.severity]}: ${f.message}`;
        const entry = document.createElement("li");
        entry.append(a);
        list.append(entry);
      }
    }
    const rest = perSection.get("") || [];
    document.getElementById("totals").textContent = summary(counts) + (rest.length ? ` (${rest.length} about the whole file, shown at the top)` : "");
    const top = document.getElementById("whole-file");
    if (top) top.remove();
    if (rest.length) {
      const ul = document.createElement("ul");
      ul.id = "whole-file";
      ul.className = "findings";
      rest.forEach(([f, id]) => ul.append(item(f, id)));
      form.prepend(ul);
    }
    return counts;
  }

  function summary(c) {
    const part = (n, one, many) => `${n} ${n === 1 ? one : many}`;
    return `${part(c.error, "error", "errors")}, ${part(c.warning, "warning", "warnings")}, ${part(c.info, "note", "notes")}` +
      (c.advice ? `, ${c.advice} advice` : "") +
      (c.waived ? `, ${c.waived} waived` : "");
  }

  function bump(badge, f) {
    if (!badge || f.waived !== null) return;
    badge.hidden = false;
    badge.textContent = String(Number(badge.textContent || 0) + 1);
    badge.title = `${badge.textContent} to look at inside`;
  }

  function item(f, id) {
    const li = document.createElement("li");
    li.id = id;
    li.tabIndex = -1;
    li.className = `finding sev-${f.severity}` + (f.waived !== null ? " waived" : "");
    const head = document.createElement("strong");
    head.textContent = f.waived !== null ? "Waived: " : `${SEVERITY[f.severity]}: `;
    const text = document.createElement("span");
    // The checker's messages mark keys as `code`, as the command line shows them.
    `${f.message} (${f.rule})`.split("`").forEach((part, i) => {
      if (i % 2) { const code = document.createElement("code"); code.textContent = part; text.append(code); }
      else text.append(part);
    });
    if (f.waived) text.append(` Reason given: ${f.waived}`);
    li.append(head, text);
    if (f.waived === null && !f.rule.startsWith("AB00")) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "small";
      b.textContent = "Waive…";
      b.setAttribute("aria-label", `Waive… ${f.rule}: record why the partnership accepts this finding`);
      b.addEventListener("click", () => waiveForm(li, f));
      li.append(" ", b);
    }
    return li;
  }

  function waiveForm(li, f) {
    if (li.querySelector(".waive")) return;
    const box = document.createElement("div");
    box.className = "waive";
    const id = li.id + "-reason";
    box.innerHTML = `<label for="${id}">Why the partnership accepts this finding</label>` +
      `<textarea id="${id}" rows="2"></textarea>` +
      `<button type="button" class="small">Add the waiver</button> <button type="button" class="small">Cancel</button>`;
    const [add, cancel] = box.querySelectorAll("button");
    const reason = box.querySelector("textarea");
    add.addEventListener("click", () => {
      if (!reason.value.trim()) { announce("Write the reason first: a waiver without one is not accepted."); reason.focus(); return; }
      const value = { rule: f.rule, reason: reason.value.trim() };
      if (f.path) value.path = f.path;
      send({ op: "add", path: "/waivers", value }, null, `Waiver for ${f.rule} added.`);
    });
    cancel.addEventListener("click", () => { box.remove(); li.focus(); });
    li.append(box);
    reason.focus();
  }

  // ------------------------------------------------------------ saving

  function send(edit, control, done) {
    pending += 1;
    generation += 1;
    queue = queue.then(() => {
      if (stopped) return;
      saved.textContent = "Saving…";
      return request("POST", "/api/edit", Object.assign({ revision: state.revision }, edit)).then(({ ok, status: code, data }) => {
        if (code === 409) return conflict(data.error, control);
        if (!ok) {
          saved.textContent = "Not saved.";
          announce(`Not saved: ${data.error}`);
          showBanner(`Not saved: ${data.error}`);
          return;
        }
        hideBanner();
        update(data);
        if (data.fragment && data.fragment.html) replace(data.fragment);
        const counts = place(state.findings);
        saved.textContent = "All changes saved.";
        document.body.dataset.saves = String(Number(document.body.dataset.saves || 0) + 1);
        let message = done || "Saved.";
        if (control) {
          const here = state.findings.filter((f) => f.path === control.name && f.waived === null);
          if (here.length) message += " Here: " + here.map((f) => f.message).join("; ");
        }
        announce(`${message} ${summary(counts)}.`);
        refreshPreview();
      });
    }).catch(() => {
      saved.textContent = "Not saved.";
      showBanner("The page lost touch with `agreement serve`. Is it still running? Nothing more can be saved until it is.");
    }).finally(() => { pending -= 1; });
    return queue;
  }

  function update(data) {
    state = data;
    for (const select of document.querySelectorAll("select[data-refers-to]")) {
      const kinds = select.dataset.refersTo.split(" ");
      const ids = kinds.flatMap((k) => state.ids[k] || []);
      const current = select.value;
      const keep = [...select.options].slice(0, 1);
      select.replaceChildren(...keep);
      for (const id of ids) select.add(new Option(id, id, false, id === current));
      if (current && !ids.includes(current)) select.add(new Option(`${current} (not one of the choices)`, current, false, true));
    }
  }

  function replace(fragment) {
    const old = [...document.querySelectorAll("[data-path]")].find((el) => el.dataset.path === fragment.path);
    if (!old) return;
    const holder = old.closest("section.section") && old.closest("section.section").dataset.section === fragment.path
      ? old.closest("section.section") : old;
    const open = new Set([...holder.querySelectorAll("details[open]")].map((d) => d.parentElement.dataset.path));
    const template = document.createElement("template");
    template.innerHTML = fragment.html.trim();
    const fresh = template.content.firstElementChild;
    for (const d of fresh.querySelectorAll("details")) if (open.has(d.parentElement.dataset.path)) d.open = true;
    holder.replaceWith(fresh);
    index();
    return fresh;
  }

  function conflict(message, control) {
    stopped = true;
    saved.textContent = "Not saved.";
    const typed = control ? ` What you typed last was not saved: “${control.value}”.` : "";
    showBanner(`${message[0].toUpperCase()}${message.slice(1)}.${typed}`, true);
    announce("Not saved: the file was changed by another program.");
  }

  function showBanner(text, reload) {
    banner.replaceChildren(document.createTextNode(text + " "));
    if (reload) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = "Reload the page";
      b.addEventListener("click", () => window.location.reload());
      banner.append(b);
      for (const el of form.elements) el.disabled = true;
    }
    banner.hidden = false;
  }

  function hideBanner() { if (!stopped) banner.hidden = true; }

  function changed(control, now) {
    if (!control.name || control.dataset.action) return;
    clearTimeout(timers.get(control));
    const go = () => {
      timers.delete(control);
      if (control.value === control.dataset.sent) return;
      control.dataset.sent = control.value;
      send({ op: "set", path: control.name, value: control.value, kind: control.dataset.kind }, control);
      const summaryText = document.querySelector(`[data-summary-of="${CSS.escape(control.name)}"]`);
      if (summaryText) summaryText.textContent = control.value.replace(/\s+/g, " ").slice(0, 60);
    };
    if (now) go(); else timers.set(control, setTimeout(go, 400));
  }

  function remember() {
    for (const c of form.querySelectorAll("input, textarea, select")) if (c.dataset.sent === undefined) c.dataset.sent = c.value;
  }

  form.addEventListener("input", (e) => { if (e.target.tagName !== "SELECT") changed(e.target, false); });
  form.addEventListener("change", (e) => changed(e.target, true));
  form.addEventListener("focusout", (e) => { if (timers.has(e.target)) changed(e.target, true); });
  form.addEventListener("submit", (e) => e.preventDefault());

  form.addEventListener("click", (e) => {
    const b = e.target.closest("button[data-action]");
    if (!b) return;
    const action = b.dataset.action;
    if (action === "add") {
      send({ op: "add", path: b.dataset.target }, null, "Added.").then(() => {
        const list = [...document.querySelectorAll("[data-path]")].find((el) => el.dataset.path === b.dataset.target);
        const entries = list ? list.querySelectorAll(":scope .entries > li") : [];
        const last = entries[entries.length - 1];
        if (last) {
          const d = last.querySelector("details");
          if (d) d.open = true;
          const c = last.querySelector("input, textarea, select");
          if (c) { remember(); c.focus(); }
        }
      });
    } else if (action === "remove") {
      if (!window.confirm(`Remove ${b.dataset.what}? It is deleted from the file.`)) return;
      send({ op: "remove", path: b.dataset.target }, null, `Removed ${b.dataset.what}.`).then(remember);
    } else if (action === "move") {
      const to = Number(b.dataset.to);
      const parent = b.dataset.target.slice(0, b.dataset.target.lastIndexOf("/"));
      send({ op: "move", path: b.dataset.target, to }, null, "Moved.").then(() => {
        remember();
        const moved = fields.get(`${parent}/${to}`);
        const again = moved && moved.querySelector(`button[data-action="move"][aria-label^="Move ${to < Number(b.dataset.target.split("/").pop()) ? "up" : "down"}"]`);
        (again || (moved && moved.querySelector("summary, input, textarea, select")) || form).focus();
      });
    }
  });

  form.addEventListener("change", (e) => {
    const s = e.target;
    if (s.dataset.action !== "choose") return;
    if (!window.confirm("Change the kind of answer? What is written here now is deleted from the file.")) {
      s.value = s.dataset.current;
      return;
    }
    send({ op: "choose", path: s.dataset.target, to: Number(s.value) }, null, "Changed.").then(remember);
  });

  // ------------------------------------------------------------ jumping to a finding

  document.addEventListener("click", (e) => {
    const a = e.target.closest("a.jump, a.section-link");
    if (!a) return;
    const el = document.getElementById(a.getAttribute("href").slice(1));
    if (!el) return;
    e.preventDefault();
    for (let d = el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    const field = el.closest("[data-path]");
    const control = a.classList.contains("jump") && field && field.classList.contains("field")
      ? field.querySelector("input, select, textarea") : null;
    el.scrollIntoView({ block: "center" });
    (control || el).focus({ preventScroll: true });
  });

  // ------------------------------------------------------------ preview, and changes made elsewhere

  let previewTimer = null;
  function refreshPreview() {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => {
      if (!preview || preview.closest("[hidden]")) return;
      const doc = preview.contentDocument;
      const y = doc && doc.scrollingElement ? doc.scrollingElement.scrollTop : 0;
      preview.addEventListener("load", () => {
        const d = preview.contentDocument;
        if (d && d.scrollingElement) d.scrollingElement.scrollTop = y;
      }, { once: true });
      preview.contentWindow.location.replace(`/preview?token=${encodeURIComponent(token)}&t=${Date.now()}`);
    }, 600);
  }

  const toggle = document.getElementById("toggle-preview");
  toggle.addEventListener("click", () => {
    const pane = document.getElementById("preview-pane");
    pane.hidden = !pane.hidden;
    toggle.setAttribute("aria-expanded", String(!pane.hidden));
    toggle.textContent = pane.hidden ? "Show preview" : "Hide preview";
    document.body.classList.toggle("no-preview", pane.hidden);
    if (!pane.hidden) refreshPreview();
  });

  function watch() {
    if (stopped || document.hidden || pending) return;
    const asked = generation;
    request("GET", "/api/state").then(({ ok, data }) => {
      if (!ok || stopped || pending || asked !== generation || data.revision === state.revision) return;
      stopped = true;
      showBanner("The file was changed by another program (a text editor?). Reload the page to see the change before editing here.", true);
      announce("The file was changed by another program.");
    }).catch(() => {});
  }
  window.setInterval(watch, 3000);
  window.addEventListener("focus", watch);

  index();
  remember();
  place(state.findings);
  if (state.problem) { stopped = true; window.setInterval(() => request("GET", "/api/state").then(({ data }) => { if (data.revision !== state.revision) window.location.reload(); }), 2000); }
  document.body.dataset.ready = "true";
})();
