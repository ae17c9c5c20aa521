/* Argument maps: pan and zoom for maps wider than their frame.
   Runs on every page load of Material's instant navigation (document$), and is safe to run
   twice on the same map. Without JavaScript, a wide map scrolls in its frame instead. */
(function () {
  "use strict";
  function enhance(svg) {
    if (svg.getAttribute("data-argmap-zoom")) return;
    var figure = svg.parentElement;
    var width = svg.width.baseVal.value;
    var height = svg.height.baseVal.value;
    if (!width || width <= figure.clientWidth) return;
    if (!window.svgPanZoom) return;
    svg.setAttribute("data-argmap-zoom", "on");
    figure.classList.add("argmap-zoomable");
    // the controls and the overview sit in a bar under the drawing, never over a box
    var bar = document.createElement("div");
    bar.className = "argmap-mapbar";
    figure.appendChild(bar);
    var fitted = height * figure.clientWidth / width + bar.offsetHeight;
    var header = document.querySelector(".md-header");
    var room = window.innerHeight - (header ? header.offsetHeight : 0) - 16;
    // the whole map fills the screen below the header; another map takes what it needs, up to three quarters
    // (a map in a panel beside the text keeps the height its stylesheet gives the panel)
    var fill = figure.getAttribute("data-fill");
    var tall = fill === "panel" ? figure.clientHeight : fill ? room : Math.min(fitted * 1.4, window.innerHeight * 0.75);
    figure.style.height = Math.round(Math.max(240, tall)) + "px";
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    var zoom = window.svgPanZoom(svg, {
      zoomEnabled: true, controlIconsEnabled: false, fit: true, center: true,
      minZoom: 0.5, maxZoom: 20, dblClickZoomEnabled: false, mouseWheelZoomEnabled: false,
      zoomScaleSensitivity: STEP - 1, preventMouseEventsDefault: false, customEventsHandler: touch(figure)
    });
    figure.argmapZoom = zoom;
    controls(bar, zoom);
    var inset = overviewInset(figure, bar, svg, zoom);
    readable(svg, zoom);
    fullScreen(figure, bar, zoom);
    inset();
    if (!figure.hasAttribute("tabindex")) figure.setAttribute("tabindex", "0");
    figure.setAttribute("aria-label", (figure.getAttribute("aria-label") || "Argument map") +
      ": drag to pan; click it, then use the wheel, or + and -, to zoom; 0 fits it again; arrows pan");

    // A press-and-drag pans wherever it starts; only a click without movement follows a link (or a what-if).
    var start = null, moved = false;
    figure.addEventListener("pointerdown", function (event) {
      start = { x: event.clientX, y: event.clientY };
      moved = false;
      active = figure; // the wheel zooms this map from now on, until the reader presses elsewhere
    }, true);
    figure.addEventListener("pointermove", function (event) {
      if (start && Math.abs(event.clientX - start.x) + Math.abs(event.clientY - start.y) > DRAG) moved = true;
    }, true);
    figure.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopImmediatePropagation(); }
      start = null; moved = false;
    }, true);
    figure.argmapDragged = function () { return moved; }; // (for a handler set up before this one: the what-if's)

    // The wheel zooms once the reader has clicked the map (or with Ctrl or Cmd), and then never scrolls the page.
    figure.addEventListener("wheel", function (event) {
      if (active !== figure && !event.ctrlKey && !event.metaKey) return;
      event.preventDefault();
      var box = svg.getBoundingClientRect();
      var factor = Math.pow(STEP, Math.max(-1, Math.min(1, -event.deltaY / 100)));
      zoom.zoomAtPointBy(factor, { x: event.clientX - box.left, y: event.clientY - box.top });
    }, { passive: false });

    figure.addEventListener("keydown", function (event) {
      var key = event.key, pan = 60;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (key === "+" || key === "=") zoom.zoomBy(STEP);
      else if (key === "-" || key === "_") zoom.zoomBy(1 / STEP);
      else if (key === "0") { zoom.resetZoom(); zoom.fit(); zoom.center(); }
      else if (key === "ArrowLeft") zoom.panBy({ x: pan, y: 0 });
      else if (key === "ArrowRight") zoom.panBy({ x: -pan, y: 0 });
      else if (key === "ArrowUp") zoom.panBy({ x: 0, y: pan });
      else if (key === "ArrowDown") zoom.panBy({ x: 0, y: -pan });
      else return;
      event.preventDefault();
    });
  }
  // A map too big to read when fitted starts zoomed so that its labels are MIN_LABEL px or more, on the
  // claim the page is about (or the thesis); the reader can fit it again with 0 or the reset button.
  function readable(svg, zoom) {
    var text = svg.querySelector("g.node text");
    if (!text || !text.getScreenCTM()) return;
    var px = (parseFloat(text.getAttribute("font-size")) || 11) * text.getScreenCTM().a;
    if (px >= MIN_LABEL) return;
    var focus = svg.querySelector("g.node.focus");
    var target = focus || svg.querySelector("g.node.role-thesis") || svg.querySelector("g.node");
    var frame = svg.getBoundingClientRect(), box = target.getBoundingClientRect();
    var point = { x: box.left + box.width / 2 - frame.left, y: box.top + box.height / 2 - frame.top };
    zoom.zoomAtPointBy(MIN_LABEL / px * 1.02, point);
    // a claim's own map shows what it bears on above it and what bears on it below; the thesis is on top
    zoom.panBy({ x: frame.width / 2 - point.x, y: frame.height * (focus ? 0.5 : 0.3) - point.y });
    // no empty band where the map has nothing (a claim at the top of its map, the thesis at an edge): the
    // drawing is moved back against the frame's edge, on each axis where it is larger than the frame
    var drawing = (svg.querySelector("g.graph") || svg).getBoundingClientRect();
    var shift = function (low, high, frameLow, frameHigh) {
      if (high - low <= frameHigh - frameLow) return 0;
      if (low > frameLow) return frameLow - low;
      if (high < frameHigh) return frameHigh - high;
      return 0;
    };
    zoom.panBy({ x: shift(drawing.left, drawing.right, frame.left, frame.right),
                 y: shift(drawing.top, drawing.bottom, frame.top, frame.bottom) });
  }
  // A small overview of the whole map in a corner, shown while only part of the map is in view: the boxes as
  // blocks, the part in view as a frame. Pressing or dragging on it brings that part of the map into view.
  // It repeats what the map shows (screen readers get the list under the map), so it is hidden from them.
  function overviewInset(figure, bar, svg, zoom) {
    var NS = "http://www.w3.org/2000/svg";
    var whole = svg.querySelector("g.graph") || svg.querySelector("g");
    var frame = svg.getBoundingClientRect(), pan = zoom.getPan(), scale = zoom.getSizes().realZoom;
    function content(rect) { // a rectangle on screen, in the map's own coordinates (they do not change)
      return { x: (rect.left - frame.left - pan.x) / scale, y: (rect.top - frame.top - pan.y) / scale,
               width: rect.width / scale, height: rect.height / scale };
    }
    var bounds = content(whole.getBoundingClientRect());
    if (!(bounds.width > 0 && bounds.height > 0)) return function () {};
    var inset = document.createElementNS(NS, "svg");
    inset.setAttribute("class", "argmap-inset");
    inset.setAttribute("aria-hidden", "true");
    inset.setAttribute("focusable", "false");
    inset.setAttribute("viewBox", [bounds.x, bounds.y, bounds.width, bounds.height].join(" "));
    inset.setAttribute("preserveAspectRatio", "xMidYMid meet");
    var most = window.innerWidth < 600 ? { w: 96, h: 48 } : { w: 168, h: 64 };
    var fit = Math.min(most.w / bounds.width, most.h / bounds.height);
    inset.style.width = Math.max(24, Math.round(bounds.width * fit)) + "px";
    inset.style.height = Math.max(24, Math.round(bounds.height * fit)) + "px";
    svg.querySelectorAll("g.node").forEach(function (node) {
      var box = content(node.getBoundingClientRect()), block = document.createElementNS(NS, "rect");
      ["x", "y", "width", "height"].forEach(function (key) { block.setAttribute(key, box[key]); });
      var mark = node.classList.contains("focus") || node.classList.contains("role-thesis");
      block.setAttribute("class", mark ? "argmap-inset-node argmap-inset-focus" : "argmap-inset-node");
      inset.appendChild(block);
    });
    var view = document.createElementNS(NS, "rect");
    view.setAttribute("class", "argmap-inset-view");
    view.setAttribute("vector-effect", "non-scaling-stroke");
    inset.appendChild(view);
    bar.appendChild(inset);
    function update() {
      var now = zoom.getPan(), z = zoom.getSizes().realZoom, area = svg.getBoundingClientRect();
      var shown = { x: -now.x / z, y: -now.y / z, width: area.width / z, height: area.height / z };
      ["x", "y", "width", "height"].forEach(function (key) { view.setAttribute(key, shown[key]); });
      var all = shown.x <= bounds.x + 1 && shown.y <= bounds.y + 1 && shown.x + shown.width >= bounds.x + bounds.width - 1 &&
        shown.y + shown.height >= bounds.y + bounds.height - 1;
      inset.classList.toggle("argmap-inset-hidden", all);
    }
    function go(event) { // bring the point pressed on the inset to the middle of the map
      var box = inset.getBoundingClientRect(), point = inset.createSVGPoint();
      point.x = event.clientX; point.y = event.clientY;
      var at = point.matrixTransform(inset.getScreenCTM().inverse());
      var z = zoom.getSizes().realZoom, area = svg.getBoundingClientRect();
      if (!box.width) return;
      zoom.pan({ x: area.width / 2 - at.x * z, y: area.height / 2 - at.y * z });
    }
    var pressed = false;
    inset.addEventListener("pointerdown", function (event) {
      pressed = true; event.preventDefault(); event.stopPropagation();
      if (inset.setPointerCapture) inset.setPointerCapture(event.pointerId);
      go(event);
    });
    inset.addEventListener("pointermove", function (event) { if (pressed) go(event); });
    inset.addEventListener("pointerup", function () { pressed = false; });
    inset.addEventListener("pointercancel", function () { pressed = false; });
    zoom.setOnUpdatedCTM(update);
    return update;
  }
  // Zoom out, fit, zoom in: buttons in the bar (svg-pan-zoom's own are drawn over the map).
  function controls(bar, zoom) {
    [["−", "Zoom out", function () { zoom.zoomBy(1 / STEP); }],
     ["Fit", "Fit the whole map", function () { zoom.resetZoom(); zoom.fit(); zoom.center(); }],
     ["+", "Zoom in", function () { zoom.zoomBy(STEP); }]].forEach(function (control) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "argmap-zoom-button";
      button.textContent = control[0];
      button.setAttribute("aria-label", control[1]);
      button.title = control[1];
      button.addEventListener("click", control[2]);
      bar.appendChild(button);
    });
  }
  // Touch: one finger scrolls the page, as everywhere else; two fingers pan and zoom the map. A one-finger drag
  // on the map says so once, in a hint over the bar.
  function touch(figure) {
    var pinch = null, hinted = false;
    function spread(touches) {
      var dx = touches[0].clientX - touches[1].clientX, dy = touches[0].clientY - touches[1].clientY;
      return { d: Math.sqrt(dx * dx + dy * dy), x: (touches[0].clientX + touches[1].clientX) / 2,
               y: (touches[0].clientY + touches[1].clientY) / 2 };
    }
    return {
      haltEventListeners: ["touchstart", "touchend", "touchmove", "touchleave", "touchcancel"],
      init: function (options) {
        var svg = options.svgElement, zoom = options.instance;
        svg.addEventListener("touchstart", function (event) {
          pinch = event.touches.length === 2 ? spread(event.touches) : null;
        }, { passive: true });
        svg.addEventListener("touchmove", function (event) {
          if (event.touches.length !== 2) {
            if (!hinted && figure.argmapHint) { hinted = true; figure.argmapHint(); }
            return; // one finger: the page scrolls; the map stays where it is
          }
          event.preventDefault();
          var now = spread(event.touches), box = svg.getBoundingClientRect();
          if (pinch && pinch.d > 0) {
            zoom.panBy({ x: now.x - pinch.x, y: now.y - pinch.y });
            zoom.zoomAtPointBy(now.d / pinch.d, { x: now.x - box.left, y: now.y - box.top });
          }
          pinch = now;
        }, { passive: false });
        svg.addEventListener("touchend", function (event) {
          pinch = event.touches.length === 2 ? spread(event.touches) : null;
        }, { passive: true });
      },
      destroy: function () {}
    };
  }
  function fullScreen(figure, bar, zoom) {
    var hint = document.createElement("span");
    hint.className = "argmap-touch-hint";
    hint.setAttribute("aria-live", "polite");
    bar.appendChild(hint);
    figure.argmapHint = function () {
      hint.textContent = "Two fingers move and zoom the map";
      setTimeout(function () { hint.textContent = ""; }, 3000);
    };
    if (!figure.requestFullscreen || figure.querySelector(".argmap-fullscreen")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "argmap-fullscreen";
    button.textContent = "Full screen";
    button.addEventListener("click", function () {
      if (document.fullscreenElement === figure) document.exitFullscreen();
      else figure.requestFullscreen();
    });
    figure.addEventListener("fullscreenchange", function () {
      button.textContent = document.fullscreenElement === figure ? "Leave full screen" : "Full screen";
      zoom.resize();
    });
    bar.appendChild(button);
  }
  // Reading mode (the source page): the text beside the whole map. A passage pointed at, or holding the focus,
  // lights the boxes of the claims it grounds (data-nodes) and brings them into view; a box selected on the map
  // brings back its passage (the first that quotes it) and moves the focus there. A box no passage quotes says so,
  // with a link to its page. The panel's note is read out.
  function reading(block) {
    if (block.getAttribute("data-reading-ready")) return;
    block.setAttribute("data-reading-ready", "on");
    var figure = block.querySelector("figure.argmap-map"), note = block.querySelector(".argmap-reading-note");
    if (!figure) return;
    var passages = {}; // claim id -> the first passage that quotes it
    block.querySelectorAll(".argmap-passage[data-nodes]").forEach(function (passage) {
      passage.getAttribute("data-nodes").split(" ").forEach(function (id) {
        if (id && !passages[id]) passages[id] = passage;
      });
    });
    function boxes(ids) {
      return ids.map(function (id) { return figure.querySelector("g.node.nid-" + CSS.escape(id)); })
        .filter(Boolean);
    }
    var lit = [], litPassage = null;
    function light(passage) {
      if (passage === litPassage) return;
      lit.forEach(function (g) { g.classList.remove("argmap-lit"); });
      if (litPassage) litPassage.classList.remove("argmap-passage-lit");
      litPassage = passage;
      lit = passage ? boxes(passage.getAttribute("data-nodes").split(" ")) : [];
      if (passage) passage.classList.add("argmap-passage-lit");
      lit.forEach(function (g) { g.classList.add("argmap-lit"); });
      if (lit.length) show(lit);
    }
    function show(groups) { // pan (and zoom out if need be) so that every lit box is in the frame
      var zoom = figure.argmapZoom, svg = figure.querySelector("svg.argmap-svg");
      if (!zoom || !svg) {
        groups[0].scrollIntoView({ block: "nearest", inline: "center" });
        return;
      }
      var frame = svg.getBoundingClientRect(), box = null;
      groups.forEach(function (g) {
        var r = g.getBoundingClientRect();
        box = box ? { left: Math.min(box.left, r.left), top: Math.min(box.top, r.top),
                      right: Math.max(box.right, r.right), bottom: Math.max(box.bottom, r.bottom) }
                  : { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      });
      var margin = 24, inside = box.left >= frame.left + margin && box.right <= frame.right - margin &&
        box.top >= frame.top + margin && box.bottom <= frame.bottom - margin;
      if (inside) return;
      var scale = Math.min(1, (frame.width - 2 * margin) / (box.right - box.left),
                           (frame.height - 2 * margin) / (box.bottom - box.top));
      var middle = { x: (box.left + box.right) / 2 - frame.left, y: (box.top + box.bottom) / 2 - frame.top };
      if (scale < 1) zoom.zoomAtPointBy(scale, middle);
      frame = svg.getBoundingClientRect();
      var after = groups.map(function (g) { return g.getBoundingClientRect(); });
      var x = (Math.min.apply(null, after.map(function (r) { return r.left; })) +
               Math.max.apply(null, after.map(function (r) { return r.right; }))) / 2;
      var y = (Math.min.apply(null, after.map(function (r) { return r.top; })) +
               Math.max.apply(null, after.map(function (r) { return r.bottom; }))) / 2;
      zoom.panBy({ x: frame.left + frame.width / 2 - x, y: frame.top + frame.height / 2 - y });
    }
    var text = block.querySelector(".argmap-reading-text");
    text.addEventListener("mousemove", function (event) { // (not mouseover: a scroll moving text under a resting
      // pointer, as the keyboard's focus moves, is not the reader pointing)
      var passage = event.target.closest(".argmap-passage[data-nodes]");
      if (passage) light(passage);
    });
    text.addEventListener("click", function (event) { // a tap on a phone
      var passage = event.target.closest(".argmap-passage[data-nodes]");
      if (passage) light(passage);
    });
    text.addEventListener("focusin", function (event) {
      var passage = event.target.closest(".argmap-passage[data-nodes]");
      if (passage) light(passage);
    });
    figure.addEventListener("click", function (event) {
      if (event.defaultPrevented) return; // a drag, not a click (see enhance)
      var group = event.target.closest && event.target.closest("g.node");
      var id = group && Array.prototype.filter.call(group.classList, function (c) { return c.indexOf("nid-") === 0; })[0];
      if (!id) return;
      id = id.slice(4);
      var passage = passages[id];
      if (!passage) { // not quoted: say so, and leave the way to its page open
        event.preventDefault();
        var link = group.querySelector("a");
        var href = link && (link.getAttribute("href") || link.getAttribute("xlink:href"));
        note.textContent = "";
        note.appendChild(document.createTextNode("No passage of the text is quoted for this box: the map "
          + "infers it. "));
        if (href) {
          var a = document.createElement("a");
          a.href = href;
          a.textContent = "Open its page";
          note.appendChild(a);
        }
        return;
      }
      event.preventDefault();
      note.textContent = "";
      light(passage);
      passage.scrollIntoView({ block: "start" }); // (under the header; on a phone, above the map)
      var target = passage.querySelector("a[href]") || passage;
      if (target === passage && !passage.hasAttribute("tabindex")) passage.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    });
  }
  // Printed, every map shows whole (fitted to the paper, not zoomed where the reader left it), and comes back after.
  function printing(on) {
    document.querySelectorAll("figure.argmap-zoomable").forEach(function (figure) {
      var zoom = figure.argmapZoom;
      if (!zoom) return;
      if (on) {
        figure.argmapBeforePrint = { zoom: zoom.getZoom(), pan: zoom.getPan() };
        zoom.resize(); zoom.resetZoom(); zoom.fit(); zoom.center();
      } else if (figure.argmapBeforePrint) {
        zoom.resize(); zoom.zoom(figure.argmapBeforePrint.zoom); zoom.pan(figure.argmapBeforePrint.pan);
        figure.argmapBeforePrint = null;
      }
    });
  }
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", function (event) { printing(event.matches); });
  }
  window.addEventListener("beforeprint", function () { printing(true); });
  window.addEventListener("afterprint", function () { printing(false); });
  var MIN_LABEL = 10; // px: the smallest label a map shows when it loads
  var STEP = 1.5; // one zoom step: x1.5
  var DRAG = 5; // pixels a press may move and still count as a click
  var active = null; // the map the wheel zooms, once the reader has pressed on it
  document.addEventListener("pointerdown", function (event) {
    if (active && !active.contains(event.target)) active = null;
  }, true);
  // A map drawn to a file of its own (data-src: the build's checked SVG, from this site) goes into its figure once
  // the page's text is in; then it is enhanced as an inline map is, and the reading mode set up around it.
  function load(figure) {
    if (figure.getAttribute("data-loading") || figure.querySelector("svg.argmap-svg") || !window.fetch) return;
    figure.setAttribute("data-loading", "on");
    fetch(figure.getAttribute("data-src")).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.text();
    }).then(function (text) {
      var waiting = figure.querySelector(".argmap-map-loading");
      if (!/^<svg[\s>]/.test(text)) throw new Error("not a map");
      figure.insertAdjacentHTML("afterbegin", text);
      if (waiting) waiting.remove();
      enhance(figure.querySelector("svg.argmap-svg"));
      var block = figure.closest(".argmap-reading");
      if (block) reading(block);
      // the what-if and the lenses (argmap-whatif.js) set up their controls already: they look at the boxes now
      figure.dispatchEvent(new CustomEvent("argmap:loaded", { bubbles: true }));
    }).catch(function () {
      var waiting = figure.querySelector(".argmap-map-loading");
      if (waiting) waiting.firstChild.textContent = "The map could not be loaded. ";
    });
  }
  function run() {
    document.querySelectorAll("figure.argmap-map > svg.argmap-svg").forEach(enhance);
    document.querySelectorAll("figure.argmap-map[data-src]").forEach(load);
    document.querySelectorAll(".argmap-reading").forEach(function (block) {
      if (block.querySelector("figure.argmap-map svg.argmap-svg")) reading(block);
    });
    // a link to another site prints with its address (the print stylesheet shows data-print-href)
    document.querySelectorAll(".md-content a[href]").forEach(function (a) {
      if (a.origin && a.origin !== window.location.origin && /^https?:/.test(a.href) && a.textContent !== a.href) {
        a.setAttribute("data-print-href", a.href);
      }
    });
    // The theme's search dialog has no accessible name (axe-core: aria-dialog-name).
    var search = document.querySelector(".md-search[role=dialog]");
    if (search && !search.getAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(run);
  } else {
    document.addEventListener("DOMContentLoaded", run);
  }
})();
