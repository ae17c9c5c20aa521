/* The reader's what-if: reject or grant any node of a map and watch the labels change.
   Runs from Material's document$ on every page view, and is safe to run twice. The state
   (?reject=a,b&grant=c) lives in the URL, so a what-if can be shared; reloading restores it.
   The evaluation is argmap-status.js, the same rules as the Python build. */
(function () {
  "use strict";
  var WORDS = { "in": "IN", "out": "OUT", "undecided": "UNDECIDED" };
  var graphs = {};

  function readState() {
    var params = new URLSearchParams(window.location.search);
    function list(name) { return (params.get(name) || "").split(",").filter(Boolean); }
    return { reject: list("reject"), grant: list("grant") };
  }
  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    ["reject", "grant"].forEach(function (name) {
      if (state[name].length) params.set(name, state[name].join(","));
      else params.delete(name);
    });
    var query = params.toString();
    history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }
  function nodeId(group) {
    for (var i = 0; i < group.classList.length; i++) {
      var name = group.classList[i];
      if (name.indexOf("nid-") === 0) return name.slice(4);
    }
    return null;
  }
  function loadGraph(url) {
    if (!graphs[url]) {
      graphs[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      });
    }
    return graphs[url];
  }

  function relabel(figure, graph, state) {
    var perspective = figure.getAttribute("data-perspective");
    var base = perspective ? { granted: graph.perspectives[perspective] } : {};
    var before = window.argmapEvaluate(graph, base);
    var after = window.argmapEvaluate(graph, {
      granted: base.granted, grant: state.grant, reject: state.reject
    });
    var changed = 0;
    figure.querySelectorAll("g.node").forEach(function (group) {
      var id = nodeId(group);
      if (!id || !(id in after)) return;
      var label = after[id];
      ["in", "out", "undecided"].forEach(function (l) { group.classList.toggle("status-" + l, l === label); });
      group.classList.toggle("whatif-changed", label !== before[id]);
      group.classList.toggle("whatif-rejected", state.reject.indexOf(id) !== -1);
      group.classList.toggle("whatif-granted", state.grant.indexOf(id) !== -1);
      if (label !== before[id]) changed++;
      var badge = group.querySelector("text");
      if (badge) badge.textContent = badge.textContent.replace(/(IN|OUT|UNDECIDED)$/, WORDS[label]);
    });
    var note = figure.argmapNote;
    function names(ids) {
      return ids.map(function (id) { return graph.nodes[id] ? "“" + graph.nodes[id].label + "”" : id; }).join(", ");
    }
    if (note) {
      var parts = [];
      if (state.reject.length) parts.push("rejected: " + names(state.reject));
      if (state.grant.length) parts.push("granted: " + names(state.grant));
      note.textContent = parts.length
        ? "What if " + parts.join("; ") + ". " + changed + " node(s) on this map changed status (outlined)."
        : "What-if is on: select a node to reject it, again to grant it, a third time to restore it.";
    }
  }

  function cycle(state, id) {
    var r = state.reject.indexOf(id), g = state.grant.indexOf(id);
    if (r !== -1) { state.reject.splice(r, 1); state.grant.push(id); }
    else if (g !== -1) { state.grant.splice(g, 1); }
    else { state.reject.push(id); }
  }

  function setUp(figure) {
    if (figure.getAttribute("data-whatif-ready")) return;
    figure.setAttribute("data-whatif-ready", "on");
    var url = figure.getAttribute("data-graph");
    var bar = document.createElement("div");
    bar.className = "argmap-whatif";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "md-button argmap-whatif-toggle";
    toggle.textContent = "What if…";
    toggle.setAttribute("aria-pressed", "false");
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "md-button argmap-whatif-reset";
    reset.textContent = "Reset the what-if";
    reset.hidden = true;
    var note = document.createElement("p");
    note.className = "argmap-whatif-note";
    note.setAttribute("aria-live", "polite");
    bar.appendChild(toggle);
    bar.appendChild(reset);
    bar.appendChild(note);
    figure.parentNode.insertBefore(bar, figure);
    figure.argmapNote = note;

    function on(active) {
      figure.classList.toggle("argmap-whatif-on", active);
      toggle.setAttribute("aria-pressed", active ? "true" : "false");
      reset.hidden = !active;
      if (!active) note.textContent = "";
    }
    function apply() {
      return loadGraph(url).then(function (graph) {
        relabel(figure, graph, readState());
      }).catch(function () {
        note.textContent = "The what-if needs the site served over http(s): the map's data could not be loaded.";
      });
    }
    function choose(event) {
      if (!figure.classList.contains("argmap-whatif-on")) return;
      var group = event.target.closest && event.target.closest("g.node");
      var id = group && nodeId(group);
      if (!id) return;
      event.preventDefault();
      event.stopPropagation();
      var state = readState();
      cycle(state, id);
      writeState(state);
      document.querySelectorAll("figure.argmap-whatif-on[data-graph]").forEach(function (other) {
        loadGraph(other.getAttribute("data-graph")).then(function (graph) { relabel(other, graph, state); });
      });
    }
    toggle.addEventListener("click", function () {
      var active = !figure.classList.contains("argmap-whatif-on");
      on(active);
      if (active) apply();
      else { writeState({ reject: [], grant: [] }); apply(); }
    });
    reset.addEventListener("click", function () { writeState({ reject: [], grant: [] }); apply(); });
    figure.addEventListener("click", choose, true);
    figure.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") choose(event);
    }, true);
    var state = readState();
    if (state.reject.length || state.grant.length) { on(true); apply(); }
  }

  function run() {
    if (!window.argmapEvaluate || !window.fetch) return;
    document.querySelectorAll("figure.argmap-map[data-graph]").forEach(setUp);
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else document.addEventListener("DOMContentLoaded", run);
})();
