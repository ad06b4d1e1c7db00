import type { FastifySwaggerUiOptions } from '@fastify/swagger-ui';

/** The API docs page's title: ours in both languages, not the stock "Swagger UI". */
export const API_DOCS_TITLE = '售后服务台 API · Aftersales API';

/** The app's mark (the favicon of index.html): a white tick on the brand blue. */
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#1456f0"/><path d="M9 17.5l4.5 4.5L23 11" stroke="white" stroke-width="3.2" fill="none" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/** The top bar in the app's colours, with room for the name and the way back. */
const THEME_CSS = `
.swagger-ui .topbar { background: #0f1c33; padding: 8px 0; }
.swagger-ui .topbar .topbar-wrapper { display: flex; align-items: center; gap: 16px; }
.swagger-ui .topbar .topbar-wrapper > a { flex: 0 0 auto; max-width: none; }
.swagger-ui .topbar .aftersales-docs-name { color: #fff; font-size: 16px; font-weight: 600; white-space: nowrap; }
.swagger-ui .topbar .aftersales-docs-back { margin-left: auto; color: #fff; font-size: 14px; text-decoration: underline; white-space: nowrap; }
.swagger-ui .topbar .download-url-wrapper { display: none; }
`;

/**
 * Turns the stock top bar into ours: the logo and a link lead back to the app (swagger-ui's own logo
 * option sets `href` on the <img>, which goes nowhere), and the page says whose API it is.
 */
const THEME_JS = `
(function () {
  function brand() {
    var wrapper = document.querySelector('#swagger-ui .topbar .topbar-wrapper');
    if (!wrapper) return false;
    if (wrapper.querySelector('.aftersales-docs-back')) return true;
    var logo = wrapper.querySelector('a');
    if (logo) {
      logo.setAttribute('href', '/');
      logo.setAttribute('aria-label', '售后服务台 · Aftersales');
      var img = logo.querySelector('img');
      if (img) img.setAttribute('alt', '售后服务台 · Aftersales');
    }
    var name = document.createElement('span');
    name.className = 'aftersales-docs-name';
    name.textContent = ${JSON.stringify(API_DOCS_TITLE)};
    var back = document.createElement('a');
    back.className = 'aftersales-docs-back';
    back.href = '/';
    back.setAttribute('data-testid', 'docs-back-to-app');
    back.textContent = '← 返回服务台 · Back to the app';
    if (logo && logo.nextSibling) wrapper.insertBefore(name, logo.nextSibling); else wrapper.appendChild(name);
    wrapper.appendChild(back);
    return true;
  }
  var tries = 0;
  var timer = setInterval(function () { tries += 1; if (brand() || tries > 100) clearInterval(timer); }, 100);
})();
`;

/** Options of @fastify/swagger-ui for /api/v1/docs. */
export function apiDocsOptions(routePrefix: string): FastifySwaggerUiOptions {
  return {
    routePrefix,
    logo: { type: 'image/svg+xml', content: Buffer.from(LOGO_SVG), href: '/', target: '_self' },
    theme: {
      title: API_DOCS_TITLE,
      css: [{ filename: 'aftersales.css', content: THEME_CSS }],
      js: [{ filename: 'aftersales.js', content: THEME_JS }],
      favicon: [{ filename: 'favicon.svg', rel: 'icon', sizes: 'any', type: 'image/svg+xml', content: Buffer.from(LOGO_SVG) }],
    },
  };
}
