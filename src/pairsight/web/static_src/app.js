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
  // Live updates never move focus while someone is filling in a form; when they ask for
  // an update (submit), focus goes to the error summary, as on any NHS.UK form.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const config = event.detail && event.detail.requestConfig;
    const trigger = config && config.triggeringEvent;
    if (!trigger || trigger.type !== "submit") {
      return;
    }
    const summary = document.querySelector(".nhsuk-error-summary");
    if (summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    }
  });
}

// "Copy link" buttons: shown only where the browser can copy (they need JavaScript).
function startCopyButtons() {
  if (!navigator.clipboard) {
    return;
  }
  document.querySelectorAll("[data-copy-from]").forEach((button) => {
    const source = document.getElementById(button.dataset.copyFrom);
    if (!source) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", () => {
      navigator.clipboard.writeText(source.textContent.trim()).then(() => {
        const status = document.getElementById(button.dataset.copyStatus);
        if (status) {
          status.textContent = "Link copied";
        }
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", startCopyButtons);

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
