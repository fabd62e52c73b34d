// The transcript reader's coding form. Without this script the whole turn chosen with
// "Code this turn" is tagged; with it, the words selected in the box (Shift and the arrow
// keys) or with the mouse in the transcript are tagged instead, and the status line says
// which words will be tagged so that screen-reader users hear it.
(function () {
  "use strict";

  function start() {
    var form = document.querySelector("[data-coding-form]");
    if (!form) {
      return;
    }
    var box = form.querySelector("[data-coding-text]");
    var startField = form.querySelector("[data-coding-start]");
    var endField = form.querySelector("[data-coding-end]");
    var turnField = form.querySelector("[data-coding-turn]");
    var status = form.querySelector("[data-coding-status]");
    var turnStart = parseInt(box.dataset.turnStart, 10);
    var lastAnnounced = "";

    function update() {
      var from = box.selectionStart;
      var to = box.selectionEnd;
      var message;
      if (from === to) {
        startField.value = String(turnStart);
        endField.value = String(turnStart + box.value.length);
        message = "Tagging the whole turn.";
      } else {
        startField.value = String(turnStart + from);
        endField.value = String(turnStart + to);
        var words = box.value.slice(from, to);
        message = "Tagging: \u201c" + (words.length > 80 ? words.slice(0, 80) + "\u2026" : words) + "\u201d";
      }
      if (message !== lastAnnounced) {
        status.textContent = message;
        lastAnnounced = message;
      }
    }

    // The box is for selecting, not editing: a read-only box in Chromium does not let the
    // keyboard move the caret, so the box stays editable and every edit is refused here.
    box.addEventListener("beforeinput", function (event) {
      event.preventDefault();
    });
    box.addEventListener("drop", function (event) {
      event.preventDefault();
    });
    ["select", "keyup", "mouseup"].forEach(function (name) {
      box.addEventListener(name, update);
    });
    form.addEventListener("submit", update);

    // A selection made with the mouse inside one turn of the transcript becomes the
    // selection in the box.
    var transcript = document.querySelector("[data-transcript]");
    if (!transcript) {
      return;
    }
    function offsetWithin(container, node, offset) {
      var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
      var total = 0;
      while (walker.nextNode()) {
        if (walker.currentNode === node) {
          return total + offset;
        }
        total += walker.currentNode.nodeValue.length;
      }
      return null;
    }
    transcript.addEventListener("mouseup", function () {
      var selection = window.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
        return;
      }
      var range = selection.getRangeAt(0);
      var container = range.startContainer.parentElement && range.startContainer.parentElement.closest(".app-turn__text");
      if (!container || !container.contains(range.endContainer)) {
        return;
      }
      var from = offsetWithin(container, range.startContainer, range.startOffset);
      var to = offsetWithin(container, range.endContainer, range.endOffset);
      if (from === null || to === null || from === to) {
        return;
      }
      box.value = container.textContent;
      box.dataset.turnStart = container.dataset.start;
      turnStart = parseInt(container.dataset.start, 10);
      turnField.value = container.dataset.turn;
      box.setSelectionRange(from, to);
      update();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
