// Petition pages without a reload: the form posts in the background, the counter follows live.
// Everything works without this script; it only makes it quicker.
(function () {
  "use strict";

  async function solve(challenge, bits) {
    const encoder = new TextEncoder();
    for (let n = 0; ; n++) {
      const candidate = challenge + ":" + n;
      const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(candidate)));
      let zeros = 0;
      for (const byte of hash) {
        if (byte === 0) { zeros += 8; continue; }
        zeros += Math.clz32(byte) - 24;
        break;
      }
      if (zeros >= bits) return candidate;
    }
  }

  function wire(form) {
    if (form.dataset.wired) return;
    form.dataset.wired = "1";
    form.addEventListener("submit", async function (event) {
      event.preventDefault();
      const button = form.querySelector("button[type=submit]");
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
      try {
        if (form.dataset.proofOfWork && window.crypto && crypto.subtle) {
          form.querySelector("input[name='Input.Work']").value = await solve(form.dataset.proofOfWork, Number(form.dataset.bits));
        }
        const response = await fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" });
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const replacement = page.querySelector(".petition-sent") || page.querySelector(".sign-form");
        if (!replacement) { form.submit(); return; }
        form.replaceWith(replacement);
        if (replacement.matches("form")) wire(replacement);
        const focus = replacement.querySelector("[aria-invalid=true], .error, h1, h2") || replacement;
        focus.setAttribute("tabindex", "-1");
        focus.focus();
      } catch (e) {
        form.submit(); // the network or the script failed: let the browser post the form itself
      } finally {
        button.disabled = false;
        button.removeAttribute("aria-busy");
      }
    });
  }

  document.querySelectorAll("form.sign-form").forEach(wire);

  // Counters: ask the server every 15 seconds while the page is visible.
  document.querySelectorAll("[data-count-url]").forEach(function (counter) {
    const figure = counter.querySelector(".count");
    const bar = counter.querySelector("progress");
    const locale = document.documentElement.lang || "fr";
    setInterval(async function () {
      if (document.hidden) return;
      try {
        const response = await fetch(counter.dataset.countUrl, { headers: { Accept: "application/json" } });
        if (!response.ok) return;
        const data = await response.json();
        figure.textContent = data.count.toLocaleString(locale);
        if (bar) bar.value = Math.min(data.count, Number(bar.max));
      } catch (e) { /* offline for a moment: the next tick tries again */ }
    }, 15000);
  });
})();
