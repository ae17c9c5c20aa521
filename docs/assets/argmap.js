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
    window.svgPanZoom(svg, {
      zoomEnabled: true, controlIconsEnabled: true, fit: true, center: true,
      minZoom: 0.5, maxZoom: 20, dblClickZoomEnabled: false, mouseWheelZoomEnabled: true,
      preventMouseEventsDefault: false
    });
  }
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
