// The explorer page: draws the graph the page carries (standalone) or asks the product's own API
// for one (interactive: search, expand on click, paths, as-of dates). Text from the data is only
// ever set with textContent; vis-network shows string titles as text, never as HTML.
// The page loads this script in its head, before vis-network: the first question to the API
// leaves at once and travels while vis-network is still loading; drawing waits for the document.
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("explorer-config").textContent);
  var container = null;
  var nodes = null;
  var edges = null;
  var network = null;
  var state = {
    ready: false, settleMs: null, settledAt: null, loads: 0, expanded: [], layout: null, error: null, focus: [], view: "neighbourhood",
  };

  function initialParams() {
    var u = new URLSearchParams(window.location.search);
    if (u.get("path")) { return { path: u.get("path"), focus: u.get("focus"), as_of: u.get("as_of") }; }
    if (u.get("focus")) {
      return { focus: u.get("focus"), view: u.get("view") || "neighbourhood", hops: u.get("hops"), as_of: u.get("as_of") };
    }
    return null;
  }

  function $(id) { return document.getElementById(id); }

  function status(text, isError) {
    var el = $("status");
    el.textContent = text || "";
    el.className = isError ? "error" : "";
    if (isError) { state.error = text; }
  }

  function showNotes(notes) {
    var box = $("notes");
    box.textContent = "";
    (notes || []).forEach(function (n) {
      var p = document.createElement("p");
      p.className = "note";
      p.textContent = n;
      box.appendChild(p);
    });
  }

  function showDetails(id) {
    var n = nodes.get(id);
    var box = $("details");
    box.textContent = "";
    if (!n) { return; }
    var pre = document.createElement("pre");
    pre.textContent = n.title || n.label;
    box.appendChild(pre);
  }

  function settled(t0) {
    state.settledAt = performance.now();  // since the page's navigation began
    state.settleMs = state.settledAt - t0;
    state.ready = true;
    state.loads += 1;
    document.body.setAttribute("data-ready", String(state.loads));
  }

  function draw(graph) {
    var t0 = performance.now();
    state.ready = false;
    document.body.removeAttribute("data-ready");
    if (network) { network.destroy(); network = null; }
    nodes.clear();
    edges.clear();
    nodes.add(graph.nodes);
    edges.add(graph.edges);
    state.layout = graph.layout;
    state.focus = graph.focus || [];
    state.expanded = [];
    $("title").textContent = graph.title;
    document.title = graph.title;
    showNotes(graph.notes);
    network = new vis.Network(container, { nodes: nodes, edges: edges }, graph.options);
    if (graph.options.physics && graph.options.physics.enabled) {
      // Settle once, then hold still: a picture that keeps moving cannot be read.
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        settled(t0);
      });
    } else {
      network.once("afterDrawing", function () { settled(t0); });
    }
    network.on("click", onClick);
    network.on("hoverNode", function (p) { showDetails(p.node); });
  }

  // --- the interactive page --------------------------------------------------------------

  function api(path, params) {
    var q = new URLSearchParams();
    Object.keys(params || {}).forEach(function (k) {
      if (params[k] !== null && params[k] !== undefined && params[k] !== "") { q.set(k, params[k]); }
    });
    var headers = { Accept: "application/json" };
    var key = window.sessionStorage.getItem("graph-credit-api-key");
    if (key) { headers["X-API-Key"] = key; }
    // The query log records why a query was made; headers carry ASCII only, so percent-encode.
    var purpose = window.sessionStorage.getItem("graph-credit-purpose");
    if (purpose) { headers["X-Purpose"] = encodeURIComponent(purpose); }
    return fetch(cfg.api + path + "?" + q.toString(), { headers: headers }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) {
        if (!r.ok) {
          var msg = (body && (body.detail || (body.error && body.error.message) || body.message)) || r.statusText;
          throw new Error(typeof msg === "string" ? msg : JSON.stringify(msg));
        }
        return body;
      });
    });
  }

  function asOf() { var el = $("as-of"); return el ? el.value : ""; }
  function view() { var el = $("view"); return el ? el.value : "neighbourhood"; }
  function hops() { var el = $("hops"); return el ? el.value : "2"; }

  function remember(params) {
    var q = new URLSearchParams();
    Object.keys(params).forEach(function (k) { if (params[k]) { q.set(k, params[k]); } });
    window.history.replaceState(null, "", window.location.pathname + "?" + q.toString());
  }

  function load(params, answer) {
    status("…");
    state.view = params.view || "neighbourhood";
    return (answer || api("/graph", params)).then(function (graph) {
      remember(params);
      status("");
      draw(graph);
    }).catch(function (e) { status(e.message, true); });
  }

  function focusOn(key) {
    var p = { focus: key, view: view(), hops: hops(), as_of: asOf() };
    return load(p);
  }

  function search(text) {
    var box = $("results");
    box.textContent = "";
    status("…");
    return api("/search", { q: text, limit: 20 }).then(function (res) {
      status(res.hits.length ? "" : "没有结果 no match");
      res.hits.forEach(function (h) {
        var b = document.createElement("button");
        b.type = "button";
        b.className = "hit";
        b.setAttribute("data-key", h.key);
        b.textContent = (h.kind === "Person" ? "人员 " : "企业 ") + (h.name || h.key) + (h.kind === "Enterprise" ? "  " + h.key : "");
        b.addEventListener("click", function () { focusOn(h.key); });
        box.appendChild(b);
      });
      // One exact match (or the code itself) is what was meant: show it at once.
      var exact = res.hits.filter(function (h) { return h.match === "exact" || h.match === "uscc"; });
      if (exact.length === 1) { return focusOn(exact[0].key); }
      if (res.hits.length === 1) { return focusOn(res.hits[0].key); }
    }).catch(function (e) { status(e.message, true); });
  }

  function expand(id) {
    if (state.expanded.indexOf(id) >= 0) { return Promise.resolve(); }
    var clicked = nodes.get(id);
    var pos = network.getPositions([id])[id] || { x: 0, y: 0 };
    state.ready = false;
    status("…");
    return api("/expand", { node: id, view: state.view, as_of: asOf() }).then(function (graph) {
      state.expanded.push(id);
      var offset = 0;
      graph.nodes.forEach(function (n) {
        if (n.id === id && n.level !== undefined && clicked.level !== undefined) { offset = clicked.level - n.level; }
      });
      var added = graph.nodes.filter(function (n) { return !nodes.get(n.id); });
      added.forEach(function (n, i) {
        if (n.level !== undefined) { n.level += offset; }
        // New nodes start around the node that was clicked, so they do not fly in from afar.
        var angle = (2 * Math.PI * i) / Math.max(1, added.length);
        n.x = pos.x + 90 * Math.cos(angle);
        n.y = pos.y + 90 * Math.sin(angle);
      });
      nodes.add(added);
      edges.update(graph.edges.filter(function (e) { return !edges.get(e.id); }));
      var more = nodes.get(id);
      if (more && more.shapeProperties && graph.nodes.some(function (n) { return n.id === id && !n.shapeProperties; })) {
        nodes.update({ id: id, shapeProperties: { borderDashes: false } });
      }
      showNotes(graph.notes);
      status(added.length ? "+" + added.length : "没有更多 nothing more");
      var t0 = performance.now();
      if (state.layout === "physics" && added.length) {
        network.setOptions({ physics: { enabled: true } });
        network.once("stabilizationIterationsDone", function () {
          network.setOptions({ physics: { enabled: false } });
          settled(t0);
        });
        network.stabilize(120);
      } else {
        settled(t0);
      }
    }).catch(function (e) { status(e.message, true); state.ready = true; });
  }

  function onClick(params) {
    if (!params.nodes.length) { return; }
    showDetails(params.nodes[0]);
    if (cfg.api) { expand(params.nodes[0]); }
  }

  function interactive() {
    var u = new URLSearchParams(window.location.search);
    if (u.get("as_of")) { $("as-of").value = u.get("as_of"); }
    if (u.get("view")) { $("view").value = u.get("view"); }
    if (u.get("hops")) { $("hops").value = u.get("hops"); }
    [["api-key", "graph-credit-api-key"], ["purpose", "graph-credit-purpose"]].forEach(function (pair) {
      var box = $(pair[0]);
      box.value = window.sessionStorage.getItem(pair[1]) || "";
      box.addEventListener("change", function () { window.sessionStorage.setItem(pair[1], box.value.trim()); });
    });
    if (!window.sessionStorage.getItem("graph-credit-api-key")) { $("key-box").open = true; }
    $("search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var text = $("q").value.trim();
      if (text) { search(text); }
    });
    $("path-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var a = $("path-a").value.trim();
      var b = $("path-b").value.trim();
      if (a && b) { load({ path: a + "," + b, as_of: asOf() }); }
    });
    $("view").addEventListener("change", function () {
      var f = new URLSearchParams(window.location.search).get("focus");
      if (f) { focusOn(f); }
    });
    if (u.get("path")) {
      var ends = u.get("path").split(",");
      $("path-a").value = ends[0] || "";
      $("path-b").value = ends[1] || "";
    }
    if (first) {
      load(first.params, first.answer);
    } else {
      status("搜索企业或人员 search for an enterprise or a person");
      state.ready = true;
      document.body.setAttribute("data-ready", "0");
    }
  }

  var first = null;
  if (cfg.api && initialParams()) {
    first = { params: initialParams(), answer: api("/graph", initialParams()) };
    first.answer.catch(function () {});  // handled when drawn; no "unhandled rejection" meanwhile
  }

  function start() {
    container = document.getElementById("graph");
    nodes = new vis.DataSet([]);
    edges = new vis.DataSet([]);
    window.explorer = {
      nodes: nodes, edges: edges, state: state,
      network: function () { return network; },
    };
    if (cfg.graph) { draw(cfg.graph); }
    if (cfg.api) { interactive(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
