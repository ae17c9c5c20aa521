/* The reader's what-if: reject or grant any node of a map, or change the weight of a weighed
   argument, and watch the outcomes change. Runs from Material's document$ on every page view,
   and is safe to run twice. The state (?reject=a,b&grant=c&weight=a>b:low) lives in the URL,
   so a what-if can be shared; reloading restores it.
   The map's own outcomes come from the build (graph.json: rules, outcomes); the browser
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
    var weight = {};
    (params.get("weight") || "").slice(0, 200 * MAX_IDS).split(",").slice(0, MAX_IDS).forEach(function (item) {
      var parts = /^([a-z0-9-]{1,64})>([a-z0-9-]{1,64}):(low|medium|high)$/.exec(item);
      if (parts && ID.test(parts[1]) && ID.test(parts[2])) weight[parts[1] + ">" + parts[2]] = parts[3];
    });
    var lens = params.get("lens") || "";
    if (!/^(unsaid|check|side-[a-z0-9]+(-[a-z0-9]+)*)$/.test(lens) || lens.length > 80) lens = "";
    return { reject: list("reject"), grant: list("grant"), weight: weight, lens: lens };
  }
  function known(graph, state) {
    function mine(id) { return Object.prototype.hasOwnProperty.call(graph.nodes, id); }
    var weight = {};
    Object.keys(state.weight || {}).forEach(function (key) {
      var ends = key.split(">");
      if (mine(ends[0]) && mine(ends[1])) weight[key] = state.weight[key];
    });
    return { reject: state.reject.filter(mine), grant: state.grant.filter(mine), weight: weight };
  }
  function empty() { return { reject: [], grant: [], weight: {} }; }
  function writeState(state) {
    var params = new URLSearchParams(window.location.search);
    ["reject", "grant"].forEach(function (name) {
      if (state[name].length) params.set(name, state[name].join(","));
      else params.delete(name);
    });
    var weights = Object.keys(state.weight || {}).map(function (key) { return key + ":" + state.weight[key]; });
    if (weights.length) params.set("weight", weights.join(","));
    else params.delete("weight");
    if (Object.prototype.hasOwnProperty.call(state, "lens")) { // (a what-if reset leaves the lens alone)
      if (state.lens) params.set("lens", state.lens);
      else params.delete("lens");
    }
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

  // The browser's evaluation must give the build's outcomes on the unchanged map: say so if it ever does not.
  function verify(graph, key, base) {
    if (verified[graph.debate + "/" + key]) return;
    verified[graph.debate + "/" + key] = true;
    var own = window.argmapEvaluate(graph, base).rules, shipped = graph.rules[key];
    var differ = Object.keys(shipped).filter(function (id) { return own[id] !== shipped[id]; });
    if (differ.length) {
      console.warn("argmap: the browser's evaluation disagrees with the build's outcomes on " + differ.join(", "));
    }
  }

  function relabel(figure, graph, state) {
    var side = sideOf(graph, state); // a side's lens: every map shows the outcomes from that side's premises
    state = known(graph, state);
    var perspective = side || figure.getAttribute("data-perspective");
    var key = perspective || "";
    var base = perspective ? { granted: graph.perspectives[perspective], perspective: perspective,
      disputed: (graph.disputes || {})[perspective] || [] } : {};
    var before = graph.rules[key];
    verify(graph, key, base);
    var weights = {};
    Object.keys(state.weight).forEach(function (key) { weights[key] = graph.weight_words[state.weight[key]]; });
    var changedState = state.grant.length || state.reject.length || Object.keys(weights).length;
    var after = changedState ? window.argmapEvaluate(graph, {
      granted: base.granted, perspective: base.perspective, disputed: base.disputed, grant: state.grant,
      reject: state.reject,
      weights: weights
    }).rules : before;
    var outcomes = graph.outcomes, rules = Object.keys(outcomes);
    var labels = {}, classes = {}, badges = {};
    rules.forEach(function (r) {
      labels[outcomes[r].label] = true; classes[outcomes[r].css] = true; badges[outcomes[r].badge] = true;
    });
    var badgeEnd = new RegExp("(" + Object.keys(badges).sort(function (a, b) { return b.length - a.length; })
      .join("|") + ")$");
    var changed = 0;
    figure.querySelectorAll("g.node").forEach(function (group) {
      var id = nodeId(group);
      if (!id || !Object.prototype.hasOwnProperty.call(after, id)) return;
      var outcome = outcomes[after[id]], was = outcomes[before[id]];
      Object.keys(labels).forEach(function (l) { group.classList.toggle("status-" + l, l === outcome.label); });
      Object.keys(classes).forEach(function (c) { group.classList.toggle(c, c === outcome.css); });
      group.classList.toggle("whatif-changed", outcome.word !== was.word);
      group.classList.toggle("whatif-rejected", state.reject.indexOf(id) !== -1);
      group.classList.toggle("whatif-granted", state.grant.indexOf(id) !== -1);
      if (outcome.word !== was.word) changed++;
      var badge = group.querySelector("text");
      if (badge) badge.textContent = badge.textContent.replace(badgeEnd, outcome.badge);
    });
    var note = figure.argmapNote;
    function names(ids) {
      return ids.map(function (id) { return "“" + graph.nodes[id].label + "”"; }).join(", ");
    }
    if (note && figure.classList.contains("argmap-whatif-on")) { // (a lens relabels a map whose what-if is off)
      var parts = [];
      if (state.reject.length) parts.push("rejected: " + names(state.reject));
      if (state.grant.length) parts.push("granted: " + names(state.grant));
      Object.keys(state.weight).forEach(function (key) {
        var ends = key.split(">");
        parts.push(names([ends[0]]) + " weighed " + state.weight[key] + " for " + names([ends[1]]));
      });
      note.textContent = parts.length
        ? "What if " + parts.join("; ") + ". " + (changed === 1 ? "1 box" : changed + " boxes") +
          " on this map changed outcome (outlined)."
        : idleNote(figure);
    }
  }

  // The note when nothing is changed; written at once on toggling, so the map does not move under the pointer.
  function idleNote(figure) {
    return "What-if is on: select a box to reject it, again to grant it, a third time to restore it" +
      (figure.argmapWeights ? "; or change a weight under the map." : ".");
  }

  function cycle(state, id) {
    var r = state.reject.indexOf(id), g = state.grant.indexOf(id);
    if (r !== -1) { state.reject.splice(r, 1); state.grant.push(id); }
    else if (g !== -1) { state.grant.splice(g, 1); }
    else { state.reject.push(id); }
  }

  function everywhere(state) {
    carry();
    pageOutcomes(state);
    document.querySelectorAll("figure.argmap-whatif-on[data-graph]").forEach(function (other) {
      loadGraph(other.getAttribute("data-graph")).then(function (graph) { relabel(other, graph, state); })
        .catch(function (error) {
          if (other.argmapNote) other.argmapNote.textContent = "The what-if could not be applied: " + error.message;
        });
    });
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
    lensBar(figure, url);

    var panel = null;
    function on(active) {
      figure.classList.toggle("argmap-whatif-on", active);
      toggle.setAttribute("aria-pressed", active ? "true" : "false");
      reset.hidden = !active;
      if (panel) panel.hidden = !active;
      note.textContent = active ? idleNote(figure) : "";
    }
    // The weighed arguments on this map (into a position of an issue, or with a weight of their own).
    function weighed(graph) {
      var shown = {}, positions = {}, found = [];
      figure.querySelectorAll("g.node").forEach(function (g) { var id = nodeId(g); if (id) shown[id] = true; });
      (graph.issues || []).forEach(function (i) { i.positions.forEach(function (p) { positions[p] = i.id; }); });
      graph.steps.forEach(function (s) {
        if (shown[s.conclusion] && shown[s.premises[0]] && (s.weighing || positions[s.conclusion])) {
          found.push([s.premises[0], s.conclusion, s.weighing]);
        }
      });
      graph.attacks.forEach(function (a) {
        // an attack between rival positions adds nothing to the weighing: nothing to change there
        if (shown[a[0]] && shown[a[1]] && positions[a[1]] && positions[a[0]] !== positions[a[1]]) {
          found.push([a[0], a[1], a[2]]);
        }
      });
      return found;
    }
    function buildPanel(graph) {
      if (panel) return;
      var found = weighed(graph);
      if (!found.length) return;
      panel = document.createElement("div");
      panel.className = "argmap-weights";
      panel.hidden = !figure.classList.contains("argmap-whatif-on");
      var state = readState();
      found.forEach(function (arg) {
        var key = arg[0] + ">" + arg[1], given = arg[2] && arg[2].weight !== null ? arg[2].weight : 1;
        var label = document.createElement("label");
        label.textContent = "“" + graph.nodes[arg[0]].label + "” for “" + graph.nodes[arg[1]].label + "” weighs ";
        var select = document.createElement("select");
        select.setAttribute("data-argument", key);
        // low, medium, high, in that order; the weight as given in words where it is one of them
        var words = Object.keys(graph.weight_words).sort(function (a, b) {
          return graph.weight_words[a] - graph.weight_words[b];
        });
        var givenWord = words.filter(function (w) { return graph.weight_words[w] === given; })[0] || String(given);
        var options = [["", "as the map weighs it (" + givenWord + ")"]].concat(words.map(function (w) {
          return [w, w];
        }));
        options.forEach(function (o) {
          var option = document.createElement("option");
          option.value = o[0];
          option.textContent = o[1];
          select.appendChild(option);
        });
        select.value = state.weight[key] || "";
        select.addEventListener("change", function () {
          var next = readState();
          if (select.value) next.weight[key] = select.value;
          else delete next.weight[key];
          writeState(next);
          everywhere(next);
        });
        label.appendChild(select);
        panel.appendChild(label);
      });
      // under the map: a panel appearing above it would move the nodes the reader is about to select
      figure.parentNode.insertBefore(panel, figure.nextSibling);
      figure.argmapWeights = panel;
    }
    function apply() {
      return loadGraph(url).then(function (graph) {
        buildPanel(graph);
        relabel(figure, graph, readState());
      }).catch(function () {
        note.textContent = "The what-if needs the site served over http(s): the map's data could not be loaded.";
      });
    }
    function choose(event) {
      if (!figure.classList.contains("argmap-whatif-on")) return;
      if (figure.argmapDragged && figure.argmapDragged()) return; // a drag pans; it selects nothing
      var group = event.target.closest && event.target.closest("g.node");
      var id = group && nodeId(group);
      if (!id) return;
      event.preventDefault();
      event.stopPropagation();
      var state = readState();
      cycle(state, id);
      writeState(state);
      everywhere(state);
    }
    toggle.addEventListener("click", function () {
      var active = !figure.classList.contains("argmap-whatif-on");
      on(active);
      if (active) apply();
      else { writeState(empty()); resetPanel(); apply(); everywhere(empty()); }
    });
    function resetPanel() {
      if (panel) panel.querySelectorAll("select").forEach(function (select) { select.value = ""; });
    }
    reset.addEventListener("click", function () { writeState(empty()); resetPanel(); apply(); everywhere(empty()); });
    // the switches (below) turn a map's what-if on, so that it shows what they settle
    figure.argmapActivate = function () {
      if (!figure.classList.contains("argmap-whatif-on")) { on(true); apply(); }
    };
    figure.argmapRefresh = function () { // its drawing came in after the controls (argmap.js: a map from a file)
      if (figure.classList.contains("argmap-whatif-on")) apply();
      if (figure.argmapLens) loadGraph(url).then(figure.argmapLens);
    };
    figure.addEventListener("click", choose, true);
    figure.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") choose(event);
    }, true);
    var state = readState();
    if (state.reject.length || state.grant.length || Object.keys(state.weight).length) { on(true); apply(); }
  }

  // Lenses (site/lenses.py): one click shows a map as a side sees it (its outcomes from that side's premises and
  // weights), what the article leaves unsaid (implicit premises, hedged claims; the rest dimmed), or what to check
  // (evidence with a caution, and the claims resting on it). The lens is in the address (?lens=...), carried to
  // every page; a sentence says what the reader sees, and a list under it names what the lens picks out.
  function sideOf(graph, state) {
    var lens = state.lens || "";
    if (lens.indexOf("side-") !== 0) return null;
    var id = lens.slice(5);
    return Object.prototype.hasOwnProperty.call(graph.perspectives, id) ? id : null;
  }
  function lensBar(figure, url) {
    var bar = document.createElement("div");
    bar.className = "argmap-lenses";
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Lenses on this map");
    var sentence = document.createElement("p");
    sentence.className = "argmap-lens-note";
    sentence.setAttribute("aria-live", "polite");
    var list = document.createElement("ul");
    list.className = "argmap-lens-list";
    list.hidden = true;
    // under the map (nothing above it moves the boxes down): the buttons, the sentence, what the lens picks out
    var after = figure.nextSibling;
    [bar, sentence, list].forEach(function (el) { figure.parentNode.insertBefore(el, after); });
    figure.argmapLens = function (graph) { showLens(figure, graph, bar, sentence, list); };
    loadGraph(url).then(function (graph) {
      if (!graph.lenses) return;
      var choices = [["Lens:"], ["", "As the map stands"], ["unsaid", "What the article leaves unsaid"],
                     ["check", "What to check"], ["As a side sees it:"]];
      graph.lenses.voices.forEach(function (v) { choices.push(["side-" + v[0], v[1]]); });
      choices.forEach(function (choice) {
        if (choice.length === 1) {
          var label = document.createElement("span");
          label.className = "argmap-lens-label";
          label.textContent = choice[0];
          bar.appendChild(label);
          return;
        }
        var button = document.createElement("button");
        button.type = "button";
        button.className = "argmap-lens";
        button.setAttribute("data-lens", choice[0]);
        button.textContent = choice[1];
        button.addEventListener("click", function () {
          var state = readState();
          state.lens = choice[0];
          writeState(state);
          document.querySelectorAll("figure.argmap-map[data-graph]").forEach(function (other) {
            if (other.argmapLens) loadGraph(other.getAttribute("data-graph")).then(other.argmapLens);
          });
          carry();
        });
        bar.appendChild(button);
      });
      showLens(figure, graph, bar, sentence, list);
    }).catch(function () { bar.hidden = true; });
  }
  function showLens(figure, graph, bar, sentence, list) {
    var state = readState(), lens = state.lens, data = graph.lenses, side = sideOf(graph, state);
    if (lens.indexOf("side-") === 0 && !side) lens = "";
    bar.querySelectorAll("button.argmap-lens").forEach(function (b) {
      b.setAttribute("aria-pressed", b.getAttribute("data-lens") === lens ? "true" : "false");
    });
    figure.classList.toggle("argmap-lens-on", lens === "unsaid" || lens === "check");
    var picked = {}, items = [];
    if (lens === "unsaid") {
      Object.keys(data.unsaid).forEach(function (id) { picked[id] = data.unsaid[id]; });
    } else if (lens === "check") {
      Object.keys(data.check).forEach(function (id) {
        picked[id] = data.check[id];
        data.check[id].resting.forEach(function (r) { if (!picked[r]) picked[r] = { restsOn: [] }; });
      });
      Object.keys(data.check).forEach(function (id) {
        data.check[id].resting.forEach(function (r) { if (picked[r].restsOn) picked[r].restsOn.push(id); });
      });
    }
    var hrefs = {};
    figure.querySelectorAll("g.node").forEach(function (group) {
      var id = nodeId(group);
      if (!id) return;
      group.classList.toggle("argmap-lens-hit", !!picked[id]);
      var a = group.querySelector("a");
      hrefs[id] = a && (a.getAttribute("href") || a.getAttribute("xlink:href"));
      if (picked[id]) items.push(id);
    });
    if (!items.length) figure.classList.remove("argmap-lens-on"); // nothing picked out: nothing is dimmed either
    // the outcomes: from the side's premises with that lens, else as the what-if (or the build) gives them; a map
    // that shows the build's outcomes and stays so is left alone (no evaluation on a page's load)
    if (side || figure.argmapSided || figure.classList.contains("argmap-whatif-on")) relabel(figure, graph, state);
    figure.argmapSided = !!side;
    list.textContent = "";
    var name = function (id) { return "“" + graph.nodes[id].label + "”"; };
    if (side) {
      var voice = data.voices.filter(function (v) { return v[0] === side; })[0];
      var headline = figure.querySelector("g.node.focus") || figure.querySelector("g.node.role-thesis");
      var id = headline && nodeId(headline), rules = graph.rules[side] || {};
      var outcome = id && graph.outcomes[rules[id]];
      sentence.textContent = "As a side sees it (" + voice[1] + "): from its premises alone (what it grants, " +
        "and how it weighs), each box shows what follows" + (outcome ? "; for it, " + name(id) + ": " + outcome.word
        : "") + ". This is that side's case as the map reads it, not the article's verdict.";
    } else if ((lens === "unsaid" || lens === "check") && !items.length) {
      sentence.textContent = lens === "unsaid"
        ? "What the article leaves unsaid: nothing on this map; no implicit premise, no hedged claim."
        : "What to check: nothing on this map; no evidence here carries a caution.";
    } else if (lens === "unsaid") {
      var implicit = items.filter(function (i) { return picked[i].implicit; }).length;
      sentence.textContent = "What the article leaves unsaid: on this map, " + implicit + " implicit premise" +
        (implicit === 1 ? "" : "s") + " (our reconstruction, not in the text) and " + (items.length - implicit) +
        " claim" + (items.length - implicit === 1 ? "" : "s") + " the article hedges (“could”, “may”, “might”…); " +
        "the rest is dimmed. Where the argument leans on what is not written:";
    } else if (lens === "check") {
      var flagged = items.filter(function (i) { return data.check[i]; }).length;
      sentence.textContent = "What to check: on this map, " + flagged + " piece" + (flagged === 1 ? "" : "s") +
        " of evidence the map flags with a caution, and the " + (items.length - flagged) + " claim" +
        (items.length - flagged === 1 ? "" : "s") + " resting on them; the rest is dimmed:";
    } else {
      sentence.textContent = "";
    }
    items.forEach(function (id) {
      var item = document.createElement("li"), link = document.createElement(hrefs[id] ? "a" : "span");
      if (hrefs[id]) link.href = hrefs[id];
      link.textContent = graph.nodes[id].label;
      item.appendChild(link);
      var what = picked[id];
      if (lens === "unsaid" && what.implicit) {
        item.appendChild(document.createTextNode(": not in the article" + (what.why ? " (" + what.why + ")" : "")));
      } else if (lens === "unsaid") {
        what.hedged.forEach(function (h) {
          var quote = document.createElement("q"), at = 0;
          h[1].forEach(function (span) {
            quote.appendChild(document.createTextNode(h[0].slice(at, span[0])));
            var mark = document.createElement("mark");
            mark.textContent = h[0].slice(span[0], span[1]);
            quote.appendChild(mark);
            at = span[1];
          });
          quote.appendChild(document.createTextNode(h[0].slice(at)));
          item.appendChild(document.createTextNode(" "));
          item.appendChild(quote);
        });
      } else if (lens === "check" && what.caution) {
        item.appendChild(document.createTextNode(": caution: " + what.caution));
      } else if (lens === "check") {
        item.appendChild(document.createTextNode(": rests on " + what.restsOn.map(name).join(", ")));
      }
      list.appendChild(item);
    });
    list.hidden = !items.length;
    carry();
  }

  // The open conditions as switches (site/pages/switches.py): each writes the what-if's state; the verdict
  // words and every badge of the page that names a node (data-node) follow, and so do the maps whose what-if is on.
  function evaluated(graph, state) {
    var weights = {};
    Object.keys(state.weight).forEach(function (key) { weights[key] = graph.weight_words[state.weight[key]]; });
    if (!state.grant.length && !state.reject.length && !Object.keys(weights).length) return graph.rules[""];
    return window.argmapEvaluate(graph, { grant: state.grant, reject: state.reject, weights: weights }).rules;
  }
  function showOutcomes(graph, rules) {
    var classes = {};
    Object.keys(graph.outcomes).forEach(function (r) { classes[graph.outcomes[r].css] = true; });
    document.querySelectorAll(".argmap-verdict-word[data-node], .argmap-badge[data-node]").forEach(function (el) {
      var outcome = graph.outcomes[rules[el.getAttribute("data-node")]];
      if (!outcome) return;
      el.textContent = outcome.word;
      Object.keys(classes).forEach(function (c) { el.classList.toggle(c, c === outcome.css); });
    });
  }
  function setUpSwitches(block) {
    if (block.getAttribute("data-switches-ready")) return;
    block.setAttribute("data-switches-ready", "on");
    var url = block.getAttribute("data-graph");
    function show(state) {
      return loadGraph(url).then(function (graph) {
        state = known(graph, state);
        var rules = evaluated(graph, state);
        block.querySelectorAll("fieldset.argmap-switch").forEach(function (set) {
          var id = set.getAttribute("data-node"), value = "unknown", follows = "";
          if (state.grant.indexOf(id) !== -1) value = "holds";
          else if (state.reject.indexOf(id) !== -1) value = "fails";
          else if (rules[id] && graph.outcomes[rules[id]].label !== graph.outcomes.open.label) {
            // settled by the reader's other choices: held (as a granted claim is) or not
            value = graph.outcomes[rules[id]].label === graph.outcomes.granted.label ? "holds" : "fails";
            follows = " (follows from your other choices)";
          }
          set.querySelector('input[value="' + value + '"]').checked = true;
          set.querySelector(".argmap-switch-follows").textContent = follows;
        });
      });
    }
    block.addEventListener("change", function (event) {
      var set = event.target.closest("fieldset.argmap-switch");
      if (!set) return;
      var id = set.getAttribute("data-node"), state = readState();
      state.grant = state.grant.filter(function (x) { return x !== id; });
      state.reject = state.reject.filter(function (x) { return x !== id; });
      if (event.target.value === "holds") state.grant.push(id);
      if (event.target.value === "fails") state.reject.push(id);
      writeState(state);
      document.querySelectorAll("figure.argmap-map[data-whatif-ready]").forEach(function (figure) {
        if (figure.argmapActivate) figure.argmapActivate();
      });
      everywhere(state);
    });
    block.querySelector(".argmap-switches-reset").addEventListener("click", function () {
      writeState(empty());
      everywhere(empty());
    });
    block.argmapShow = show;
    block.hidden = false;
    show(readState());
  }

  // The what-if follows the reader: every link to another page of this site carries the state in its address
  // (Material's instant navigation makes links absolute: those of this origin count; files and anchors do not).
  function carry() {
    var query = window.location.search;
    document.querySelectorAll("a[href]").forEach(function (a) {
      var url;
      try { url = new URL(a.getAttribute("href"), window.location.href); } catch (error) { return; }
      if (url.origin !== window.location.origin || !/\/$|\.html$/.test(url.pathname)) return;
      if (url.pathname === window.location.pathname && url.hash && a.getAttribute("href").charAt(0) === "#") return;
      url.search = query;
      a.setAttribute("href", url.href);
    });
  }

  document.addEventListener("argmap:loaded", function (event) {
    if (event.target.argmapRefresh) event.target.argmapRefresh();
  });
  function run() {
    if (!window.argmapEvaluate || !window.fetch) return;
    document.querySelectorAll("figure.argmap-map[data-graph]").forEach(setUp);
    document.querySelectorAll(".argmap-switches[data-graph]").forEach(setUpSwitches);
    var state = readState();
    if (state.reject.length || state.grant.length || Object.keys(state.weight).length) {
      carry();
      pageOutcomes(state);
    }
  }
  // Every word and badge of the page that names a node (data-node) as the what-if gives it (as the map stands,
  // every voice's premises at once); the switches, where the page has them, show the state.
  function pageOutcomes(state) {
    var source = document.querySelector("[data-graph]");
    if (!source) return;
    loadGraph(source.getAttribute("data-graph")).then(function (graph) {
      var mine = known(graph, state);
      showOutcomes(graph, evaluated(graph, mine));
      document.querySelectorAll(".argmap-whatif-state").forEach(function (note) {
        var names = function (ids) {
          return ids.map(function (id) { return "“" + graph.nodes[id].label + "”"; }).join(", ");
        };
        var parts = [];
        if (mine.grant.length) parts.push("granted " + names(mine.grant));
        if (mine.reject.length) parts.push("rejected " + names(mine.reject));
        if (Object.keys(mine.weight).length) parts.push(Object.keys(mine.weight).length + " weight(s) changed");
        note.hidden = !parts.length;
        note.textContent = parts.length ? "With your what-if (" + parts.join("; ") + "), the first column shows "
          + "what follows; the perspectives' columns are as built. Reset it on any map or with the switches." : "";
      });
    }).catch(function () { /* the maps' own note says the data could not be loaded */ });
    document.querySelectorAll(".argmap-switches[data-switches-ready]").forEach(function (block) {
      if (block.argmapShow) block.argmapShow(state);
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(run);
  else document.addEventListener("DOMContentLoaded", run);
})();
