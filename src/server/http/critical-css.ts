/**
 * The part of a stylesheet a page's markup needs (issue 9: first load). antd's stylesheet is 1 MB: the browser
 * parses all of it and matches its rules before the first paint, ~250 ms on the machines the queue was measured
 * on; the queue's first screen uses a twentieth of it. The server renders the page (first-screen.ts), so it
 * knows the classes on it, and sends the rules that can match them; the whole sheet follows after the paint.
 *
 * Conservative by construction: a rule is left out only when one of the classes every one of its selectors
 * names appears nowhere in the markup, so no rule that could apply to the page is lost. Selectors with no class
 * (`a`, `html`, attribute selectors) are kept; classes inside `:not()`, `:is()`, `:where()`, `:has()` are not
 * counted as needed; a selector with an escape is kept. At-rules that are not groups (`@keyframes`,
 * `@font-face`) are always kept; group rules (`@media`, `@supports`, `@container`, `@layer`) keep their
 * needed inner rules, in place.
 *
 * No CSS library: the sheet is generated, minified CSS; a scanner that honours strings, comments and nesting is
 * enough, and it runs once per stylesheet.
 */

/** One rule of the sheet in order: its text, the group rules around it, and the classes each selector needs. */
type IndexedRule = {
  /** `@media (max-width:575px){` … around it, outermost first; empty at the top level. */
  groups: string[];
  text: string;
  /** Per selector, the class lists of its compounds (`.a.b > .c` → [[a, b], [c]]); null when always kept. */
  needs: string[][][] | null;
};

const GROUP_AT_RULE = /^@(media|supports|container|layer|scope|document|-moz-document)\b/i;
const CLASS = /\.(-?[_a-zA-Z\u00a0-\uffff][-_a-zA-Z0-9\u00a0-\uffff]*)/g;

/** Index of the `}` (or end) that closes the block opened just before `from`; strings and comments skipped. */
function blockEnd(css: string, from: number): number {
  let depth = 1;
  for (let i = from; i < css.length; i++) {
    const ch = css[i];
    if (ch === '"' || ch === "'") i = stringEnd(css, i);
    else if (ch === '/' && css[i + 1] === '*') i = commentEnd(css, i);
    else if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return css.length;
}

function stringEnd(css: string, at: number): number {
  const quote = css[at];
  for (let i = at + 1; i < css.length; i++) {
    if (css[i] === '\\') i++;
    else if (css[i] === quote) return i;
  }
  return css.length;
}

function commentEnd(css: string, at: number): number {
  const end = css.indexOf('*/', at + 2);
  return end < 0 ? css.length : end + 1;
}

/** Splits at top-level commas (not inside parentheses, brackets or strings). */
function splitSelectors(selectorList: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selectorList.length; i++) {
    const ch = selectorList[i];
    if (ch === '"' || ch === "'") i = stringEnd(selectorList, i);
    else if (ch === '\\') i++;
    else if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(selectorList.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(selectorList.slice(start));
  return parts;
}

/**
 * The classes each element of a matching chain must carry, one list per compound selector that names any
 * (`.a.b > .c:hover` → [[a, b], [c]]); [] when the selector names none it surely needs.
 */
function classesNeeded(selector: string): string[][] {
  // Drop what is inside brackets and parentheses: attribute values, and the arguments of :not(), :is() and the rest.
  let plain = '';
  let depth = 0;
  for (let i = 0; i < selector.length; i++) {
    const ch = selector[i] as string;
    if (ch === '"' || ch === "'") {
      i = stringEnd(selector, i);
      continue;
    }
    if (ch === '\\') {
      // An escaped character (inside brackets, part of a value; outside, of a name): skipped with it.
      if (depth === 0) return [];
      i++;
      continue;
    }
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0) plain += ch;
  }
  return plain
    .split(/[\s>+~]+/)
    .map((compound) => [...compound.matchAll(CLASS)].map((match) => match[1] as string))
    .filter((classes) => classes.length > 0);
}

function indexRules(css: string, groups: string[], into: IndexedRule[]): void {
  let i = 0;
  while (i < css.length) {
    const ch = css[i];
    if (ch === '/' && css[i + 1] === '*') {
      i = commentEnd(css, i) + 1;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === ';' || ch === '}') {
      i++;
      continue;
    }
    // The prelude runs to the first `{` or `;` outside strings, comments and parentheses.
    let end = i;
    let depth = 0;
    for (; end < css.length; end++) {
      const c = css[end];
      if (c === '"' || c === "'") end = stringEnd(css, end);
      else if (c === '\\') end++;
      else if (c === '(') depth++;
      else if (c === ')') depth--;
      else if ((c === '{' || c === ';') && depth === 0) break;
    }
    const prelude = css.slice(i, end).trim();
    if (end >= css.length || css[end] === ';') {
      // A statement at-rule (@charset, @import, @layer a,b;): kept.
      if (prelude) into.push({ groups, text: `${prelude};`, needs: null });
      i = end + 1;
      continue;
    }
    const close = blockEnd(css, end + 1);
    if (GROUP_AT_RULE.test(prelude)) {
      indexRules(css.slice(end + 1, close), [...groups, `${prelude}{`], into);
    } else if (prelude.startsWith('@')) {
      into.push({ groups, text: css.slice(i, close + 1), needs: null });
    } else {
      const selectors = splitSelectors(prelude).map(classesNeeded);
      into.push({ groups, text: css.slice(i, close + 1), needs: selectors.some((needs) => needs.length === 0) ? null : selectors });
    }
    i = close + 1;
  }
}

/** The class lists of the markup's elements, and which elements carry each class. */
function elementClasses(markup: string) {
  const elements: Set<string>[] = [];
  const byClass = new Map<string, number[]>();
  for (const match of markup.matchAll(/\sclass="([^"]*)"/g)) {
    const classes = new Set((match[1] as string).split(/\s+/).filter(Boolean));
    for (const name of classes) {
      const carriers = byClass.get(name);
      if (carriers) carriers.push(elements.length);
      else byClass.set(name, [elements.length]);
    }
    elements.push(classes);
  }
  /** Whether some element carries all these classes. */
  const isCarried = (classes: string[]) => {
    const [first, ...rest] = classes;
    const carriers = byClass.get(first as string);
    if (!carriers) return false;
    return rest.length === 0 || carriers.some((at) => rest.every((name) => elements[at]?.has(name)));
  };
  return { isCarried };
}

/** The distinct class lists of the markup's elements, as one string: renders that give the same need the same rules. */
export function classesKey(markup: string): string {
  const lists = new Set<string>();
  for (const match of markup.matchAll(/\sclass="([^"]*)"/g)) lists.add((match[1] as string).trim().split(/\s+/).sort().join(' '));
  return [...lists].sort().join('|');
}

/**
 * Reads a stylesheet once; `for(markup)` gives the rules of it that can apply to that markup, in order: a rule
 * is kept when, for one of its selectors, every compound's classes are carried together by some element.
 */
export function criticalCss(css: string) {
  const rules: IndexedRule[] = [];
  indexRules(css, [], rules);
  return {
    ruleCount: rules.length,
    for(markup: string): string {
      const { isCarried } = elementClasses(markup);
      const isNeeded = (rule: IndexedRule) => rule.needs === null || rule.needs.some((compounds) => compounds.every(isCarried));
      let out = '';
      let open: string[] = [];
      for (const rule of rules) {
        if (!isNeeded(rule)) continue;
        // Close the groups this rule is not in, open the ones it is in (consecutive rules share their @media).
        let shared = 0;
        while (shared < open.length && shared < rule.groups.length && open[shared] === rule.groups[shared]) shared++;
        out += '}'.repeat(open.length - shared) + rule.groups.slice(shared).join('') + rule.text;
        open = rule.groups;
      }
      return out + '}'.repeat(open.length);
    },
  };
}
