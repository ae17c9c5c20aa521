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
    var fitted = height * figure.clientWidth / width;
    figure.style.height = Math.round(Math.max(240, Math.min(fitted * 1.4, window.innerHeight * 0.75))) + "px";
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "100%");
    var zoom = window.svgPanZoom(svg, {
      zoomEnabled: true, controlIconsEnabled: true, fit: true, center: true,
      minZoom: 0.5, maxZoom: 20, dblClickZoomEnabled: false, mouseWheelZoomEnabled: false,
      zoomScaleSensitivity: STEP - 1, preventMouseEventsDefault: false
    });
    figure.argmapZoom = zoom;
    readable(svg, zoom);
    fullScreen(figure, zoom);
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
  }
  function fullScreen(figure, zoom) {
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
    figure.appendChild(button);
  }
  var MIN_LABEL = 10; // px: the smallest label a map shows when it loads
  var STEP = 1.5; // one zoom step: x1.5
  var DRAG = 5; // pixels a press may move and still count as a click
  var active = null; // the map the wheel zooms, once the reader has pressed on it
  document.addEventListener("pointerdown", function (event) {
    if (active && !active.contains(event.target)) active = null;
  }, true);
  function run() {
    document.querySelectorAll("figure.argmap-map > svg.argmap-svg").forEach(enhance);
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
