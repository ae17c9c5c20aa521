/* Argument status in the browser: the same grounded evaluation as build_tools/status.py
   (tests run both on the same graphs and compare every label).
   graph: {nodes: {id: {granted}}, steps: [{premises, conclusion, undercutters}], attacks: [[a, t]]}
   options: {granted: [ids] (instead of the default), grant: [ids], reject: [ids]}
   Returns {id: "in" | "out" | "undecided"}. */
(function (root) {
  "use strict";
  function evaluate(graph, options) {
    options = options || {};
    var ids = Object.keys(graph.nodes);
    // Maps without a prototype: an id such as constructor is just an id.
    var granted = Object.create(null), rejected = Object.create(null), label = Object.create(null),
      stepsInto = Object.create(null), attackers = Object.create(null);
    ids.forEach(function (id) {
      stepsInto[id] = [];
      attackers[id] = [];
      label[id] = "undecided";
    });
    if (options.granted) {
      options.granted.forEach(function (id) { granted[id] = true; });
    } else {
      ids.forEach(function (id) { if (graph.nodes[id].granted) granted[id] = true; });
    }
    (options.grant || []).forEach(function (id) { if (id in label) granted[id] = true; });
    (options.reject || []).forEach(function (id) { if (id in label) { rejected[id] = true; label[id] = "out"; } });
    graph.steps.forEach(function (step) { stepsInto[step.conclusion].push(step); });
    graph.attacks.forEach(function (pair) { attackers[pair[1]].push(pair[0]); });

    function stepLabel(step) {
      var i;
      for (i = 0; i < step.premises.length; i++) if (label[step.premises[i]] === "out") return "out";
      for (i = 0; i < step.undercutters.length; i++) if (label[step.undercutters[i]] === "in") return "out";
      for (i = 0; i < step.premises.length; i++) if (label[step.premises[i]] !== "in") return "undecided";
      for (i = 0; i < step.undercutters.length; i++) if (label[step.undercutters[i]] !== "out") return "undecided";
      return "in";
    }
    function decide(id) {
      var attacks = attackers[id], steps = stepsInto[id].map(stepLabel), i;
      for (i = 0; i < attacks.length; i++) if (label[attacks[i]] === "in") return "out";
      if (!granted[id] && steps.every(function (s) { return s === "out"; })) return "out";
      var attackersOut = attacks.every(function (a) { return label[a] === "out"; });
      if (attackersOut && (granted[id] || steps.indexOf("in") !== -1)) return "in";
      return "undecided";
    }
    var changed = true;
    while (changed) {
      changed = false;
      ids.forEach(function (id) {
        if (rejected[id] || label[id] !== "undecided") return;
        var next = decide(id);
        if (next !== "undecided") { label[id] = next; changed = true; }
      });
    }
    return label;
  }
  if (typeof module === "object" && module.exports) module.exports = { evaluate: evaluate };
  else root.argmapEvaluate = evaluate;
})(this);
