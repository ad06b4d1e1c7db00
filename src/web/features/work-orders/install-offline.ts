import { useEffect } from 'react';

/**
 * Makes /field an installable page that opens without a network: the web manifest, and the service
 * worker (public/field-sw.js, scope /field only) told which assets this page already loaded.
 */
export function useFieldOffline() {
  useEffect(() => {
    if (!document.querySelector('link[rel="manifest"]')) {
      const link = document.createElement('link');
      link.rel = 'manifest';
      link.href = '/field.webmanifest';
      document.head.append(link);
    }
    if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
    navigator.serviceWorker
      .register('/field-sw.js', { scope: '/field' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        const urls = performance
          .getEntriesByType('resource')
          .map((entry) => entry.name)
          .filter((name) => new URL(name).origin === location.origin && new URL(name).pathname.startsWith('/assets/'));
        registration.active?.postMessage({ type: 'cache', urls });
      })
      .catch(() => {
        // Without the worker the page still works online; the queue still keeps offline actions.
      });
  }, []);
}
