// The document reader: toggle span kinds; bring the cited sentence into view.
(function () {
  "use strict";
  const text = document.getElementById("text");
  for (const box of document.querySelectorAll("input[data-kind]")) {
    box.addEventListener("change", () => text.classList.toggle("hide-" + box.dataset.kind, !box.checked));
  }
  const focus = document.getElementById("focus");
  if (focus) focus.scrollIntoView({ block: "center" });
})();
