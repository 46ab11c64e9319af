// Charts: starts Blazor for the interactive Plotly charts (loaded only on pages with a chart) and leaves the
// page's links and forms to the browser: no enhanced navigation in the Admin's Razor Pages.
Blazor.start({ ssr: { disableDomPreservation: true } });
