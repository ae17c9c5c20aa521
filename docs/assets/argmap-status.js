/* Argument status in the browser: the same evaluation as build_tools/status.py, weighing
   included (tests run both on the same graphs and compare every label).
   graph: {nodes: {id: {granted, open}}, steps: [{premises, conclusion, undercutters, weighing}],
           attacks: [[attacker, target, weighing]], issues: [{id, positions, standard}]}
   a weighing: null (linked, weight 1) or {function, weight, weights, criteria, preference, properties}
   options: {granted: [ids] (instead of the default), grant: [ids], reject: [ids],
             perspective: id (whose weights), weights: {"from>to": weight} (a what-if)}
   Returns {labels: {id: "in" | "out" | "undecided"}, rules: {id: rule}}: the rule that gave each
   label, as status._explain names it (vocabulary.RULE_OUTCOMES turns a rule into an outcome word). */
(function (root) {
  "use strict";
  var MARGIN = 0.5, DOUBT = 0.3; // clear and convincing: more by over MARGIN; beyond doubt: and the other under DOUBT

  function met(standard, w1, w2) {
    if (!(w1 > w2)) return false;
    if (standard === "PE") return true;
    return w1 - w2 > MARGIN && (standard === "CCE" || w2 < DOUBT);
  }

  function evaluate(graph, options) {
    options = options || {};
    var ids = Object.keys(graph.nodes);
    // Maps without a prototype: an id such as constructor is just an id.
    var granted = Object.create(null), rejected = Object.create(null), label = Object.create(null),
      stepsInto = Object.create(null), attacksInto = Object.create(null), issueOf = Object.create(null),
      dependents = Object.create(null), decisions = Object.create(null), overrides = options.weights || {};
    ids.forEach(function (id) {
      stepsInto[id] = []; attacksInto[id] = []; dependents[id] = []; label[id] = "undecided";
    });
    if (options.granted) options.granted.forEach(function (id) { granted[id] = true; });
    else ids.forEach(function (id) { if (graph.nodes[id].granted) granted[id] = true; });
    (options.grant || []).forEach(function (id) { if (id in label) granted[id] = true; });
    (options.reject || []).forEach(function (id) { if (id in label) { rejected[id] = true; label[id] = "out"; } });
    // What the perspective disputes is out from its premises (a what-if's grant overrides it): status.evaluate.
    var disputed = Object.create(null), grantedByYou = Object.create(null);
    (options.grant || []).forEach(function (id) { grantedByYou[id] = true; });
    (options.disputed || []).forEach(function (id) {
      if (id in label && !grantedByYou[id]) { disputed[id] = true; rejected[id] = true; delete granted[id]; label[id] = "out"; }
    });
    // Opposites move together in a what-if, as status.evaluate has it: granting one of two claims that cannot both
    // be true rejects the other; rejecting one of two contradictories grants the other.
    var grantSet = Object.create(null), rejectSet = Object.create(null);
    (options.grant || []).forEach(function (id) { grantSet[id] = true; });
    (options.reject || []).forEach(function (id) { rejectSet[id] = true; });
    var opposites = graph.opposites || {};
    graph.attacks.forEach(function (a) {
      if (Object.prototype.hasOwnProperty.call(opposites, a[3]) && grantSet[a[0]] && !grantSet[a[1]] && a[1] in label) {
        rejected[a[1]] = true; label[a[1]] = "out";
      }
    });
    graph.attacks.forEach(function (a) {
      if (opposites[a[3]] === true && rejectSet[a[0]] && !rejectSet[a[1]] && !rejected[a[1]] && a[1] in label) {
        granted[a[1]] = true;
      }
    });
    (graph.issues || []).forEach(function (issue) { issue.positions.forEach(function (p) { issueOf[p] = issue; }); });
    graph.steps.forEach(function (step) {
      stepsInto[step.conclusion].push(step);
      step.premises.concat(step.undercutters).forEach(function (p) { dependents[p].push(step.conclusion); });
    });
    graph.attacks.forEach(function (a) {
      attacksInto[a[1]].push({ attacker: a[0], target: a[1], weighing: a[2] || null });
      dependents[a[0]].push(a[1]);
    });
    // A criteria argument that reads a value from a position of another issue waits for that issue: each of its
    // positions, once decided, brings the argument's conclusion back to the worklist (status._Rules.watchers).
    var watchers = Object.create(null);
    ids.forEach(function (id) {  // a necessary condition, once settled, settles what needs it
      (graph.nodes[id].requires || []).forEach(function (r) { (watchers[r] = watchers[r] || []).push(id); });
    });
    graph.steps.forEach(function (step) {
      if (!step.weighing || step.weighing.function !== "criteria") return;
      step.premises.forEach(function (p) {
        if (issueOf[p]) issueOf[p].positions.forEach(function (q) { (watchers[q] = watchers[q] || []).push(step.conclusion); });
      });
    });

    function rivals(id) {
      var issue = issueOf[id];
      return issue ? issue.positions.filter(function (p) { return p !== id; }) : [];
    }
    function weighingOf(weighing, sources, target) {
      weighing = weighing || { function: "linked", weight: null, weights: {} };
      for (var i = 0; i < sources.length; i++) {
        var key = sources[i] + ">" + target;
        if (Object.prototype.hasOwnProperty.call(overrides, key)) {
          return Object.assign({}, weighing, { weight: overrides[key], weights: {} });
        }
      }
      return weighing;
    }
    function weightFor(weighing) {
      var p = options.perspective;
      if (p && weighing.weights && Object.prototype.hasOwnProperty.call(weighing.weights, p)) return weighing.weights[p];
      return weighing.weight === null || weighing.weight === undefined ? 1 : weighing.weight;
    }
    function argumentsFor(id) {
      return stepsInto[id].map(function (s) {
        return { premises: s.premises, conclusion: id, cutters: s.undercutters,
          weighing: weighingOf(s.weighing, s.premises, id) };
      });
    }
    function argumentsAgainst(id) {
      var others = rivals(id);
      return attacksInto[id].filter(function (a) { return others.indexOf(a.attacker) === -1; }).map(function (a) {
        return { premises: [a.attacker], conclusion: id, cutters: [], weighing: weighingOf(a.weighing, [a.attacker], id) };
      });
    }
    function issueArguments(issue) {
      var found = [];
      if (issue) issue.positions.forEach(function (p) { found = found.concat(argumentsFor(p)); });
      return found;
    }
    function isIn(id) { return label[id] === "in"; }

    // The weighing functions of build_tools/weighing.py.
    function weigh(arg) {
      var w = arg.weighing, fn = w.function, premises = arg.premises;
      if (fn === "linked" || fn === "constant") return premises.every(isIn) ? weightFor(w) : 0;
      if (fn === "convergent") return premises.some(isIn) ? weightFor(w) : 0;
      if (fn === "cumulative") return premises.length ? premises.filter(isIn).length / premises.length : 0;
      if (fn === "factorized") {
        if (premises.some(function (p) { return label[p] === "out"; })) return 0;
        var every = Object.create(null), count = 0;
        issueArguments(issueOf[arg.conclusion]).forEach(function (a) { a.premises.forEach(function (p) { every[p] = true; }); });
        if (!Object.keys(every).length) premises.forEach(function (p) { every[p] = true; });
        count = Object.keys(every).length;
        return count ? premises.filter(isIn).length / count : 0;
      }
      if (fn === "criteria") return criteria(arg);
      if (fn === "preference") return preference(arg);
      return 0;
    }
    function criterionOf(id) { return graph.nodes[id].criterion || null; }
    function criteria(arg) {
      var spec = arg.weighing.criteria || {}, hard = spec.hard || [], soft = spec.soft || {}, i;
      for (i = 0; i < hard.length; i++) if (label[arg.premises[hard[i]]] === "out") return 0;
      var names = Object.keys(soft), total = 0, weight = 0;
      names.forEach(function (n) { total += soft[n].factor; });
      if (!total) return 0;
      for (i = 0; i < names.length; i++) {
        var value = criterionValue(arg, names[i]);
        if (value === null) return 0;
        var score = Object.prototype.hasOwnProperty.call(soft[names[i]].values, value) ? soft[names[i]].values[value] : 0;
        weight += soft[names[i]].factor / total * score;
      }
      return weight;
    }
    function criterionValue(arg, name) {
      for (var i = 0; i < arg.premises.length; i++) {
        var premise = arg.premises[i], given = criterionOf(premise);
        if (!given || given[0] !== name) continue;
        var issue = issueOf[premise];
        var candidates = isIn(premise) ? [premise] : (issue ? issue.positions.filter(isIn) : []);
        for (var j = 0; j < candidates.length; j++) {
          var found = criterionOf(candidates[j]);
          if (found && found[0] === name) return found[1];
        }
      }
      return null;
    }
    // An argument's place by the properties a preference names (weighing._rank): [1, value] for a value, [0]
    // for a missing one (below every value); a descending order compares the other way round.
    function rank(arg, items) {
      return items.map(function (item) {
        var props = arg.weighing.properties || {}, order = item.order;
        var value = Object.prototype.hasOwnProperty.call(props, item.property) ? props[item.property] : undefined;
        if (Array.isArray(order)) return [1, order.indexOf(value)];
        if (typeof value !== "string") return [0];
        return order === "ascending" ? [1, value] : [1, { reversed: value }];
      });
    }
    function compare(a, b) {
      for (var i = 0; i < Math.max(a.length, b.length); i++) {
        if (i >= a.length) return -1;
        if (i >= b.length) return 1;
        if (a[i][0] !== b[i][0]) return a[i][0] < b[i][0] ? -1 : 1;
        if (a[i].length < 2) continue;
        var x = a[i][1], y = b[i][1];
        if (x && typeof x === "object") { x = b[i][1].reversed; y = a[i][1].reversed; }
        if (x < y) return -1;
        if (x > y) return 1;
      }
      return 0;
    }
    function preference(arg) {
      if (!arg.premises.every(isIn)) return 0;
      var issue = issueOf[arg.conclusion], items = arg.weighing.preference || [];
      var others = issueArguments(issue);  // Carneades ranks every argument of the issue, whatever its function
      if (!issue || !others.length) return 1;
      var ranks = [];
      others.map(function (a) { return rank(a, items); }).concat([rank(arg, items)]).forEach(function (r) {
        if (!ranks.some(function (s) { return compare(s, r) === 0; })) ranks.push(r);
      });
      ranks.sort(compare);
      var mine = rank(arg, items);
      var place = ranks.findIndex(function (r) { return compare(r, mine) === 0; });
      return (place + 1) / ranks.length;
    }

    function criteriaWaits(arg) {
      if (arg.weighing.function !== "criteria") return false;
      return arg.premises.some(function (p) {
        return !isIn(p) && issueOf[p] && issueOf[p].positions.some(function (q) { return label[q] === "undecided"; });
      });
    }
    function stepLabel(step) {
      var w = weighingOf(step.weighing, step.premises, step.conclusion), fn = w.function;
      var premises = step.premises, cutters = step.undercutters;
      if (cutters.some(isIn)) return "out";
      var allOut = premises.every(function (p) { return label[p] === "out"; });
      var someOut = premises.some(function (p) { return label[p] === "out"; });
      var cuttersOut = cutters.every(function (c) { return label[c] === "out"; });
      if (fn === "convergent" || fn === "cumulative") {
        if (allOut) return "out";
      } else if (someOut && fn !== "criteria") return "out";
      if (fn === "linked" || fn === "constant") {
        var held = premises.every(isIn) && cuttersOut;
        if (held && weightFor(w) <= 0) return "out";
        return held ? "in" : "undecided";
      }
      var applicable = cuttersOut && premises.every(function (p) { return label[p] !== "undecided"; });
      var arg = { premises: premises, conclusion: step.conclusion, weighing: w };
      if (!applicable || criteriaWaits(arg)) return "undecided";
      return weigh(arg) > 0 ? "in" : "out";
    }
    function applicableWeight(arg) {
      if (arg.cutters.some(isIn)) return 0;
      var fn = arg.weighing.function;
      if ((fn === "linked" || fn === "constant" || fn === "preference") &&
          arg.premises.some(function (p) { return label[p] === "out"; })) return 0;
      if (arg.cutters.some(function (c) { return label[c] === "undecided"; })) return null;
      if (arg.premises.some(function (p) { return label[p] === "undecided"; })) return null;
      if (criteriaWaits(arg)) return null;
      return weigh(arg);
    }
    function decidePosition(id) {
      var issue = issueOf[id];
      if (granted[id]) return "in";
      if (issue.positions.some(function (p) { return granted[p]; })) return "out";
      if (issue.id in decisions) return decisions[issue.id] === id ? "in" : "out";  // weighed once, for all
      var pro = argumentsFor(id).map(applicableWeight);
      if (pro.every(function (w) { return w !== null && w <= 0; })) return "out";
      var strength = Object.create(null), against = Object.create(null), i, j;
      for (i = 0; i < issue.positions.length; i++) {
        var p = issue.positions[i];
        var weights = argumentsFor(p).map(applicableWeight), cons = argumentsAgainst(p).map(applicableWeight);
        if (weights.indexOf(null) !== -1 || cons.indexOf(null) !== -1) return "undecided";
      }
      for (i = 0; i < issue.positions.length; i++) {  // a position's necessary condition still open: so is the issue
        if (!rejected[issue.positions[i]] &&
            requires(issue.positions[i]).some(function (r) { return label[r] === "undecided"; })) return "undecided";
      }
      for (i = 0; i < issue.positions.length; i++) {
        p = issue.positions[i];
        weights = argumentsFor(p).map(applicableWeight);
        cons = argumentsAgainst(p).map(applicableWeight);
        if (rejected[p] || failedConditions(p).length) weights = weights.map(function () { return 0; });
        strength[p] = Math.max.apply(null, [0].concat(weights));
        against[p] = Math.max.apply(null, [0].concat(cons));
      }
      var winner = null;
      for (i = 0; i < issue.positions.length && winner === null; i++) {
        var q = issue.positions[i], wins = strength[q] > 0 && met(issue.standard, strength[q], against[q]);
        for (j = 0; j < issue.positions.length && wins; j++) {
          var r = issue.positions[j];
          if (r !== q && !met(issue.standard, strength[q], strength[r])) wins = false;
        }
        if (wins) winner = q;
      }
      decisions[issue.id] = winner;
      return winner === id ? "in" : "out";
    }
    function requires(id) { return graph.nodes[id].requires || []; }
    function failedConditions(id) { return requires(id).filter(function (r) { return label[r] === "out"; }); }
    // The label of the rules, capped by the node's necessary conditions (status._decide).
    function decide(id) {
      var l = decideUncapped(id), needs = requires(id);
      if (!needs.length || granted[id]) return l;
      if (needs.some(function (r) { return label[r] === "out"; })) return "out";
      if (l === "in" && needs.some(function (r) { return label[r] === "undecided"; })) return "undecided";
      return l;
    }
    function decideUncapped(id) {
      if (heldOpen(id)) {  // an open condition: left open, unless something that stands attacks it
        return attacksInto[id].some(function (a) { return isIn(a.attacker); }) ? "out" : "undecided";
      }
      if (issueOf[id]) return decidePosition(id);
      var attackers = attacksInto[id].map(function (a) { return a.attacker; });
      var steps = stepsInto[id].map(stepLabel);
      if (attackers.some(isIn)) return "out";
      if (!granted[id] && steps.every(function (s) { return s === "out"; })) return "out";
      var attackersOut = attackers.every(function (a) { return label[a] === "out"; });
      if (attackersOut && (granted[id] || steps.indexOf("in") !== -1)) return "in";
      return "undecided";
    }
    function heldOpen(id) { return graph.nodes[id].open && !granted[id]; }

    // Apply the rules until nothing changes, as status._propagate does (a worklist in the same order).
    var queue = ids.filter(function (id) { return !rejected[id]; }), queued = Object.create(null);
    var spread = Object.create(null), nextAt = Object.create(null);
    // A position of the issue still undecided and open to a decision (positions only leave undecided: the
    // search resumes where it stopped), as status._next_undecided.
    function nextUndecided(issue) {
      var i = nextAt[issue.id] || 0, ps = issue.positions;
      while (i < ps.length && (label[ps[i]] !== "undecided" || rejected[ps[i]] || heldOpen(ps[i]))) i++;
      nextAt[issue.id] = i;
      return i < ps.length ? ps[i] : null;
    }
    queue.forEach(function (id) { queued[id] = true; });
    for (var head = 0; head < queue.length; head++) {
      var id = queue[head];
      queued[id] = false;
      if (label[id] !== "undecided") continue;
      var next = decide(id);
      if (next === "undecided") continue;
      label[id] = next;
      var touched = Object.create(null);
      dependents[id].concat(watchers[id] || []).forEach(function (t) {
        touched[t] = true;
        if (issueOf[t] && (label[t] !== "undecided" || rejected[t] || heldOpen(t))) {
          var o = nextUndecided(issueOf[t]);
          if (o !== null) touched[o] = true;
        }
      });
      var own = issueOf[id];
      if (own && own.id in decisions) {
        if (!spread[own.id]) { spread[own.id] = true; rivals(id).forEach(function (r) { touched[r] = true; }); }
      } else if (own) {
        var other = nextUndecided(own);
        if (other !== null) touched[other] = true;
      }
      Object.keys(touched).sort().forEach(function (t) {
        if (!queued[t] && !rejected[t]) { queue.push(t); queued[t] = true; }
      });
    }
    // The rule that gave each label, as status._explain chooses it.
    function ruleOf(id) {
      var issue = issueOf[id], l = label[id];
      if (disputed[id] && !(options.reject || []).some(function (r) { return r === id; })) return "disputed";
      if (rejected[id]) return "rejected";
      if (!granted[id] && failedConditions(id).length && l === "out") return "condition-failed";
      if (heldOpen(id) && l === "out") return "attacked";
      if (issue && l !== "undecided" && !granted[id]) {
        if (issue.positions.some(function (p) { return granted[p]; })) return "rival-granted";
        if (!(issue.id in decisions)) return "not-established";
        var winner = decisions[issue.id];
        return winner === id ? "won" : winner === null ? "balanced" : "outweighed";
      }
      if (graph.nodes[id].open && l === "undecided") return "open";
      if (l === "in") return granted[id] ? "granted" : "supported";
      if (l === "out") {
        if (attacksInto[id].some(function (a) { return isIn(a.attacker); })) return "attacked";
        return stepsInto[id].length ? "unsupported" : "not-established";
      }
      return "waiting";
    }
    var rules = Object.create(null);
    ids.forEach(function (id) { rules[id] = ruleOf(id); });
    return { labels: label, rules: rules };
  }
  if (typeof module === "object" && module.exports) module.exports = { evaluate: evaluate };
  else root.argmapEvaluate = evaluate;
})(this);
