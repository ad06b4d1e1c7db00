// A page the server rendered (src/server/http/first-screen.ts) shows its rows as soon as its styles are in.
// The app starts once the first request number is on screen (its Element Timing entry, `elementtiming` in
// ticket-table.tsx), and only then are its scripts fetched: fetching, compiling and running 1.4 MB of script
// beside the page's parsing and layout held the paint back by a few hundred milliseconds on a two-core machine.
// The first contentful paint is not enough: it can be the sider alone.
//
// The page came with only the part of antd's sheet its markup uses (style#first-screen-styles, the id of
// FIRST_SCREEN_STYLES_ID in first-screen-state.ts): the whole sheet is linked in its place as the app's scripts
// load, and the app renders once it is in (main.tsx).
(() => {
  const script = document.currentScript;
  const entry = script?.dataset.entry;
  if (!entry) return;
  let isStarted = false;
  const startApp = () => import(entry);
  const start = () => {
    if (isStarted) return;
    isStarted = true;
    // The entry and every chunk it imports, fetched side by side (importing the entry alone would find them one
    // level at a time).
    for (const href of [entry, ...(script.dataset.modules ?? '').split(' ')]) {
      if (!href) continue;
      const preload = document.createElement('link');
      preload.rel = 'modulepreload';
      preload.crossOrigin = '';
      preload.href = href;
      document.head.append(preload);
    }
    startApp();
    const partial = document.getElementById('first-screen-styles');
    const href = partial?.dataset.href;
    if (!partial || !href) return;
    const whole = document.createElement('link');
    whole.rel = 'stylesheet';
    whole.crossOrigin = '';
    whole.href = href;
    // The part's rules repeated after the whole sheet would outrank rules of it they do not repeat. The app
    // renders once the sheet is in (wholeStylesIn in first-screen.ts). Not loaded (offline, a new release
    // removed it): the part stays, unmarked, and the app renders anyway.
    whole.onload = () => partial.remove();
    whole.onerror = () => partial.removeAttribute('id');
    // In the part's place, before the app's own sheets, which still override antd's.
    partial.before(whole);
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
