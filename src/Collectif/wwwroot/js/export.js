// The CSV export with a progress bar: the server streams rows and says how many in X-Total-Rows;
// this counts lines as they arrive. Without JavaScript the link downloads the same file.
(function () {
  "use strict";
  const link = document.getElementById("export-link");
  const status = document.getElementById("export-progress");
  if (!link || !status || !window.ReadableStream) return;
  link.addEventListener("click", async function (event) {
    event.preventDefault();
    const response = await fetch(link.href, { credentials: "same-origin" });
    if (!response.ok || !response.body) { window.location = link.href; return; }
    const total = Number(response.headers.get("X-Total-Rows")) || 0;
    const progress = document.createElement("progress");
    progress.max = Math.max(total, 1);
    progress.value = 0;
    status.textContent = "";
    status.append(progress);
    const label = document.createElement("span");
    status.append(" ", label);
    const reader = response.body.getReader();
    const chunks = [];
    let lines = -1; // the header line
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      for (const byte of value) if (byte === 10) lines++;
      progress.value = Math.min(lines, progress.max);
      label.textContent = lines.toLocaleString() + " / " + total.toLocaleString();
    }
    const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv" }));
    const save = document.createElement("a");
    save.href = url;
    save.download = link.getAttribute("download") || "signatures.csv";
    save.textContent = link.textContent;
    document.body.append(save);
    save.click();
    save.remove();
    URL.revokeObjectURL(url);
  });
})();
