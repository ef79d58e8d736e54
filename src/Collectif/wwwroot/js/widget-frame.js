// Inside the sign widget's frame: tell the page around it how tall the widget is, so that
// widget.js can size the frame without a scroll bar. Only a number crosses the frame.
(function () {
  "use strict";
  function report() {
    window.parent.postMessage({ type: "collectif:height", height: document.documentElement.scrollHeight }, "*");
  }
  window.addEventListener("load", report);
  if ("ResizeObserver" in window) {
    new ResizeObserver(report).observe(document.documentElement);
  }
})();
