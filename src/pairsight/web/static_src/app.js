// Loaded on every page: NHS.UK frontend components and htmx.
import { initAll } from "nhsuk-frontend";
import htmx from "htmx.org";

window.htmx = htmx;

function start() {
  initAll();
  // Content swapped in by htmx gets its components started too (error summaries,
  // details, radios with conditional content).
  htmx.onLoad((element) => {
    if (element !== document.body) {
      initAll({ scope: element });
    }
  });
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
