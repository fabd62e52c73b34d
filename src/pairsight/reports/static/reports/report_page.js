// The report's preview frame grows to the height of the report inside it, so the page
// shows the whole report instead of a window onto its first screen. The frame keeps its
// fixed height (and its own scroll bar) when its document cannot be read.
function fit(frame) {
  try {
    const inner = frame.contentDocument && frame.contentDocument.documentElement;
    if (inner && inner.scrollHeight > 0) {
      frame.style.height = `${inner.scrollHeight + 2}px`;
      frame.dataset.fitted = "true";
    }
  } catch (error) {
    // Another origin: leave the frame as it is.
  }
}

document.addEventListener(
  "load",
  (event) => {
    if (event.target.matches && event.target.matches("iframe.app-report-preview")) {
      fit(event.target);
    }
  },
  true,
);

document.querySelectorAll("iframe.app-report-preview").forEach((frame) => {
  if (frame.contentDocument && frame.contentDocument.readyState === "complete") {
    fit(frame);
  }
});
