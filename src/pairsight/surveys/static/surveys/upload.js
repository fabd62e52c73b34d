// Upload progress for large survey exports. The upload form posts through htmx, which
// reports how much of the file has been sent; this shows it in a <progress> bar and in
// words for screen readers. Without JavaScript the form posts as an ordinary form.
(function () {
  function area(event) {
    const target = event.target;
    const form = target && target.closest ? target.closest("[data-upload-form]") : null;
    return form ? form.querySelector("[data-upload-progress]") : null;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    const progress = area(event);
    if (!progress) return;
    progress.hidden = false;
    progress.querySelector("progress").value = 0;
    progress.querySelector("[data-upload-status]").textContent = "Uploading…";
    const button = progress.closest("form").querySelector("button[type=submit]");
    if (button) button.disabled = true;
  });

  document.addEventListener("htmx:xhr:progress", function (event) {
    const progress = area(event);
    if (!progress || !event.detail.lengthComputable) return;
    const percent = Math.round((100 * event.detail.loaded) / event.detail.total);
    progress.querySelector("progress").value = percent;
    progress.querySelector("progress").textContent = percent + "%";
    const status = progress.querySelector("[data-upload-status]");
    status.textContent =
      percent < 100 ? "Uploaded " + percent + "%" : "Uploaded. Reading the file…";
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    const progress = area(event);
    if (!progress || event.detail.successful) return;
    progress.querySelector("[data-upload-status]").textContent =
      "The upload did not finish. Check your connection and try again.";
    const button = progress.closest("form").querySelector("button[type=submit]");
    if (button) button.disabled = false;
  });
})();
