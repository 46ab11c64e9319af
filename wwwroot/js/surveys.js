// Survey results: a printed report shows the definitions and every comment group, folded or not on screen.
window.addEventListener("beforeprint", () => document.querySelectorAll(".survey-report details").forEach((d) => { d.open = true; }));
