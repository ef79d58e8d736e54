// Collectif sign widget for other sites:
//   <div data-collectif-petition="SLUG" data-lang="fr"></div>
//   <script src="https://collectif.example.org/js/widget.js" async></script>
// Puts the petition's frame in each such element and keeps the frame as tall as its content.
// Without JavaScript, the same frame can be written by hand:
//   <iframe src="https://collectif.example.org/widget/fr/petitions/SLUG" title="…" style="width:100%;height:640px;border:0"></iframe>
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = new URL(script.src).origin;
  var frames = [];
  function place() {
    document.querySelectorAll("[data-collectif-petition]").forEach(function (element) {
      if (element.getAttribute("data-collectif-ready")) { return; }
      element.setAttribute("data-collectif-ready", "1");
      var language = (element.getAttribute("data-lang") || document.documentElement.lang || "fr").slice(0, 2) === "en" ? "en" : "fr";
      var frame = document.createElement("iframe");
      frame.src = origin + "/widget/" + language + "/petitions/" + encodeURIComponent(element.getAttribute("data-collectif-petition"));
      frame.title = element.getAttribute("data-title") || (language === "en" ? "Sign the petition" : "Signer la pétition");
      frame.style.width = "100%";
      frame.style.border = "0";
      frame.style.height = "640px";
      element.appendChild(frame);
      frames.push(frame);
    });
  }
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || !event.data || event.data.type !== "collectif:height") { return; }
    frames.forEach(function (frame) {
      if (frame.contentWindow === event.source) {
        frame.style.height = Math.min(Math.max(Number(event.data.height) || 0, 200), 4000) + "px";
        // After signing, the frame shrinks to its message; if the page had scrolled past the
        // frame's top, the message would be out of sight: bring the frame's top into view.
        if (event.data.sent === true && frame.getBoundingClientRect().top < 0) {
          frame.scrollIntoView({ block: "start" });
        }
      }
    });
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", place); } else { place(); }
})();
