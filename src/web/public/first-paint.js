// A page the server rendered (src/server/http/first-screen.ts) shows its rows as soon as its styles are in.
// The app's scripts are fetched and parsed meanwhile (modulepreload), but running them takes a few hundred
// milliseconds in one go, and the browser would do that before painting, or while the paint is still on its
// way to the screen: this starts them once the first request number is on screen (its Element Timing entry,
// `elementtiming` in ticket-table.tsx). The first contentful paint is not enough: it can be the sider alone.
(() => {
  const entry = document.currentScript?.dataset.entry;
  if (!entry) return;
  let isStarted = false;
  const start = () => {
    if (isStarted) return;
    isStarted = true;
    import(entry);
  };
  try {
    new PerformanceObserver((list, observer) => {
      if (list.getEntries().length === 0) return;
      observer.disconnect();
      setTimeout(start, 0);
    }).observe({ type: 'element', buffered: true });
  } catch {
    // No Element Timing in this browser: after the next frame.
    requestAnimationFrame(() => setTimeout(start, 0));
  }
  // An empty queue has no number to paint, and a background tab paints nothing until shown: start anyway.
  setTimeout(start, 1500);
})();
