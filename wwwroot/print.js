// The "Print" button of printable pages: the CSP allows no inline handlers.
document.querySelectorAll("[data-print]").forEach((button) => button.addEventListener("click", () => window.print()));
