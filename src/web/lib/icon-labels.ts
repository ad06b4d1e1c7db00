/**
 * antd's icons announce their English file names ("down", "search", "copy", "close-circle") to screen
 * readers, on Chinese screens too, including the icons antd draws itself (select arrows, clear and copy
 * buttons) where our code cannot pass `aria-hidden`. An icon still carrying its default label (its
 * `aria-label` equals its `anticon-<name>` class) is decoration: hide it. Icons that mean something get
 * a translated `aria-label` in our code, which never matches, and so stay.
 */
export function hideDefaultIconLabels(root: ParentNode): void {
  for (const icon of root.querySelectorAll<HTMLElement>('.anticon[role="img"][aria-label]:not([aria-hidden])')) {
    const label = icon.getAttribute('aria-label');
    if (!label || !icon.classList.contains(`anticon-${label}`)) continue;
    // The only name of an icon-only button (give that button an aria-label instead): keep it.
    const control = icon.closest('button, a, [role="button"]');
    const named = control?.hasAttribute('aria-label') || control?.hasAttribute('title') || (control?.textContent ?? '').trim() !== '';
    if (control && !named) continue;
    icon.setAttribute('aria-hidden', 'true');
  }
}

/** Keeps hiding default icon labels as React renders. */
export function watchIconLabels(root: HTMLElement = document.body): MutationObserver {
  hideDefaultIconLabels(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations)
      for (const node of mutation.addedNodes) {
        if (!(node instanceof HTMLElement)) continue;
        if (node.matches('.anticon[role="img"]')) hideDefaultIconLabels(node.parentElement ?? node);
        else hideDefaultIconLabels(node);
      }
  });
  observer.observe(root, { childList: true, subtree: true });
  return observer;
}
