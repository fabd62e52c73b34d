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
  // A live update replaces the form: keep the panels someone opened open, and keep focus
  // on the field they were in (by id), so the page does not move under them.
  let kept = null;
  document.body.addEventListener("htmx:beforeSwap", () => {
    const active = document.activeElement;
    kept = {
      focus: active && active.id ? active.id : "",
      open: Array.from(document.querySelectorAll("details[id][open]"), (d) => d.id),
    };
  });
  // Live updates never move focus while someone is filling in a form; when they ask for
  // an update (submit), focus goes to the error summary, as on any NHS.UK form, or to a
  // row they have just added.
  document.body.addEventListener("htmx:afterSettle", (event) => {
    const config = event.detail && event.detail.requestConfig;
    const trigger = config && config.triggeringEvent;
    const submitted = trigger && trigger.type === "submit";
    if (kept) {
      kept.open.forEach((id) => {
        const details = document.getElementById(id);
        if (details) {
          details.open = true;
        }
      });
    }
    const summary = document.querySelector(".nhsuk-error-summary");
    const newRow = document.querySelector("[data-new-row] input");
    if (submitted && summary) {
      summary.setAttribute("tabindex", "-1");
      summary.focus();
    } else if (submitted && newRow) {
      newRow.focus();
    } else if (kept && kept.focus) {
      const again = document.getElementById(kept.focus);
      if (again && again !== document.activeElement) {
        again.focus();
      }
    }
    kept = null;
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
