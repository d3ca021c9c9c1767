// Add reports: post the form to /api/ingest, then poll the job until it is done.
(function () {
  "use strict";
  const form = document.getElementById("add-form");
  const progress = document.getElementById("progress");
  const errors = document.getElementById("add-errors");
  const added = document.getElementById("add-documents");
  const csrf = document.querySelector("meta[name=csrf-token]").content;

  function item(list, text, href) {
    const li = document.createElement("li");
    if (href) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      li.appendChild(a);
    } else {
      li.textContent = text;
    }
    list.appendChild(li);
  }

  async function poll(id) {
    const response = await fetch("/api/ingest/" + encodeURIComponent(id), { credentials: "same-origin" });
    const job = await response.json();
    progress.textContent = "Ingest " + job.state + "…";
    if (job.state === "queued" || job.state === "running") {
      setTimeout(() => poll(id), 500);
      return;
    }
    const r = job.report || {};
    progress.textContent = job.state === "done"
      ? "Done: " + (r.added || 0) + " added, " + (r.unchanged || 0) + " already stored, " + job.errors.length + " failed."
      : "Failed.";
    progress.dataset.state = job.state;
    for (const e of job.errors) item(errors, e);
    for (const d of job.documents || []) item(added, d, "/documents/" + encodeURIComponent(d));
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    errors.replaceChildren();
    added.replaceChildren();
    progress.textContent = "Uploading…";
    const response = await fetch("/api/ingest", {
      method: "POST", body: new FormData(form), headers: { "X-CSRF-Token": csrf }, credentials: "same-origin",
    });
    const body = await response.json();
    if (!response.ok) {
      progress.textContent = "";
      item(errors, body.detail);
      return;
    }
    poll(body.id);
  });
})();
