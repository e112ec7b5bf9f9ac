// The backup codes' Print button (components/backup-codes.tsx); only pages showing codes load this.
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});
