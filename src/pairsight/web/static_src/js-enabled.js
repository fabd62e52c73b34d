// Runs first in <body>, so NHS.UK components that need JavaScript are styled before they
// appear (the design system's template does this with an inline script, which our content
// security policy does not allow).
document.body.classList.add("js-enabled");
if ("noModule" in HTMLScriptElement.prototype) {
  document.body.classList.add("nhsuk-frontend-supported");
}
