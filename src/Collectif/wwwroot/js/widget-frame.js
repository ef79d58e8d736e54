// Inside the sign widget's frame: tell the page around it how tall the widget is, so that
// widget.js can size the frame without a scroll bar, and whether the signature was just sent (so
// the page can bring the message into view). Only a number and a yes/no cross the frame.
(function () {
  "use strict";
  function report() {
    // The message replaces the form in place (petition.js) or comes with the page (without JavaScript).
    var sent = document.querySelector(".petition-sent") !== null;
    // The body's own height, not the document's scrollHeight: that one never falls below the
    // frame's current height, so the frame could grow but never shrink back to a short message.
    var body = document.body;
    var style = window.getComputedStyle(body);
    var height = Math.ceil(body.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom));
    window.parent.postMessage({ type: "collectif:height", height: height, sent: sent }, "*");
  }
  window.addEventListener("load", report);
  if ("ResizeObserver" in window) {
    new ResizeObserver(report).observe(document.body);
  }
})();
