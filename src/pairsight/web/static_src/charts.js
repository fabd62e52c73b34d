// Draws every Vega-Lite chart on the page from the spec the server embeds as JSON.
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

function draw(scope) {
  scope.querySelectorAll("[data-vega-spec]").forEach((container) => {
    if (container.dataset.vegaDrawn === "true") {
      return;
    }
    const source = document.getElementById(container.dataset.vegaSpec);
    if (!source) {
      return;
    }
    container.dataset.vegaDrawn = "true";
    embed(container, JSON.parse(source.textContent), options)
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
  // An outerHTML swap replaces the element the event names, so look at the whole page.
  document.body.addEventListener("htmx:afterSettle", () => draw(document));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
