// Forms work without this (app/layout.tsx, ARCHITECTURE.md "Enhancements"): pending state, one post, show password.
addEventListener("submit", (e) => {
  let f = e.target;
  if (f.dataset.p) return e.preventDefault();
  f.dataset.p = 1;
  f.ariaBusy = "true";
});
addEventListener("pageshow", () => {
  for (let f of document.querySelectorAll("form[data-p]")) {
    delete f.dataset.p;
    f.ariaBusy = null;
  }
});
addEventListener("change", (e) => {
  let b = e.target,
    i = b.dataset?.reveal && document.getElementById(b.dataset.reveal);
  if (i) i.type = b.checked ? "text" : "password";
});
