// Draws every Vega-Lite chart on the page from the spec the server puts, as JSON, in the
// container's data-vega-spec attribute (an attribute rather than a JSON script element,
// because htmx leaves script elements out of the content it swaps in).
// Vega's expression interpreter is used instead of code generation, so the page's
// content security policy never has to allow eval.
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

const options = {
  actions: false,
  renderer: "svg",
  ast: true,
  expr: expressionInterpreter,
  defaultStyle: false,
  tooltip: false,
};

// On a narrow screen a chart drawn at its full width would be shrunk to fit, and its text
// with it (to about 4 px on a phone). Instead it is drawn to the width there is, with long
// category labels cut to fit: the table beside every chart gives them in full.
const NARROW = 560;
const LABEL_ROOM = 150;

function fitted(spec, container) {
  const available = container.clientWidth;
  if (!available || available >= NARROW || typeof spec.width !== "number") {
    return spec;
  }
  const config = spec.config || {};
  return {
    ...spec,
    width: Math.max(100, available - LABEL_ROOM - 40),
    config: {
      ...config,
      axis: { ...(config.axis || {}), labelLimit: LABEL_ROOM },
      // A legend in one long row would set the chart's width: two columns fit a phone.
      legend: { ...(config.legend || {}), columns: 2 },
    },
  };
}

function draw(scope) {
  const containers = scope.matches && scope.matches("[data-vega-spec]") ? [scope] : [];
  containers.push(...scope.querySelectorAll("[data-vega-spec]"));
  containers.forEach((container) => {
    if (container.dataset.vegaDrawn === "true") {
      return;
    }
    container.dataset.vegaDrawn = "true";
    embed(container, fitted(JSON.parse(container.dataset.vegaSpec), container), options)
      .then(() => {
        // The chart is one image: its text alternative is on the container, and the
        // same figures are in the table beside it.
        const svg = container.querySelector("svg");
        if (svg) {
          svg.setAttribute("aria-hidden", "true");
          svg.setAttribute("focusable", "false");
        }
        container.dataset.vegaReady = "true";
      })
      .catch((error) => {
        container.dataset.vegaError = String(error);
        console.error("Chart could not be drawn", error);
      });
  });
}

function start() {
  draw(document);
  // htmx fires "htmx:load" on content it has just put in the page.
  document.body.addEventListener("htmx:load", (event) => draw(event.target));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
