/* The reader's what-if: reject or grant any node of a map and watch the labels change.
   Runs from Material's document$ on every page view, and is safe to run twice. The state
   (?reject=a,b&grant=c) lives in the URL, so a what-if can be shared; reloading restores it.
   The map's own labels come from the build (graph.json: labels, badges); the browser
   evaluates (argmap-status.js, the same rules as the Python build) only what a reader
   changes, and checks once per map that its evaluation of the unchanged map agrees. */
(function () {
  "use strict";
  var graphs = {};
  var verified = {};

  var MAX_IDS = 100; // a what-if in the URL names at most this many nodes; more are ignored
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  function readState() {
    var params = new URLSearchParams(window.location.search);
    function list(name) {
      return (params.get(name) || "").slice(0, 100 * MAX_IDS).split(",").filter(function (id) {
        return id.length <= 64 && ID.test(id);
      }).slice(0, MAX_IDS);
    }
    return { reject: list("reject"), grant: list("grant") };
  }
  function known(graph, state) {
    function mine(id) { return Object.prototype.hasOwnProperty.call(graph.nodes, id); }
    return { reject: state.reject.filter(mine), grant: state.grant.filter(mine) };
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

  // The browser's evaluation must give the build's labels on the unchanged map: say so if it ever does not.
  function verify(graph, key, base) {
    if (verified[graph.debate + "/" + key]) return;
    verified[graph.debate + "/" + key] = true;
    var own = window.argmapEvaluate(graph, base), shipped = graph.labels[key];
    var differ = Object.keys(shipped).filter(function (id) { return own[id] !== shipped[id]; });
    if (differ.length) {
      console.warn("argmap: the browser's evaluation disagrees with the build's labels on " + differ.join(", "));
    }
  }

  function relabel(figure, graph, state) {
    state = known(graph, state);
    var perspective = figure.getAttribute("data-perspective");
    var key = perspective || "";
    var base = perspective ? { granted: graph.perspectives[perspective], perspective: perspective } : {};
    var before = graph.labels[key];
    verify(graph, key, base);
    var changedState = state.grant.length || state.reject.length;
    var after = changedState ? window.argmapEvaluate(graph, {
      granted: base.granted, perspective: base.perspective, grant: state.grant, reject: state.reject
    }) : before;
    var badges = graph.badges;
    var badgeEnd = new RegExp("(" + Object.keys(badges).map(function (l) { return badges[l]; }).join("|") + ")$");
    var changed = 0;
    figure.querySelectorAll("g.node").forEach(function (group) {
      var id = nodeId(group);
      if (!id || !Object.prototype.hasOwnProperty.call(after, id)) return;
      var label = after[id];
      Object.keys(badges).forEach(function (l) { group.classList.toggle("status-" + l, l === label); });
      group.classList.toggle("whatif-changed", label !== before[id]);
      group.classList.toggle("whatif-rejected", state.reject.indexOf(id) !== -1);
      group.classList.toggle("whatif-granted", state.grant.indexOf(id) !== -1);
      if (label !== before[id]) changed++;
      var badge = group.querySelector("text");
      if (badge) badge.textContent = badge.textContent.replace(badgeEnd, badges[label]);
    });
    var note = figure.argmapNote;
    function names(ids) {
      return ids.map(function (id) { return "“" + graph.nodes[id].label + "”"; }).join(", ");
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
