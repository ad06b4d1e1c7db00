// The part of a stylesheet a rendered page needs (issue 9: first load): never a rule that could match the markup
// left out, and what surely cannot match left out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classesKey, criticalCss } from './critical-css.ts';

const MARKUP = '<div class="ant-btn ant-btn-primary"><span class="ant-btn-icon"></span></div><p class="note">x</p>';

describe('the critical part of a stylesheet', () => {
  it('keeps the rules whose classes the markup carries, in their order, and drops the rest', () => {
    const css = '.ant-btn{color:red}.ant-modal{top:0}.ant-btn-primary .ant-btn-icon{margin:0}.note{font-size:12px}';
    expect(criticalCss(css).for(MARKUP)).toBe('.ant-btn{color:red}.ant-btn-primary .ant-btn-icon{margin:0}.note{font-size:12px}');
  });

  it('classes of one compound must be carried by one element', () => {
    const css = '.ant-btn.ant-btn-primary{a:1}.ant-btn.note{b:2}.ant-btn-icon.ant-btn-primary{c:3}';
    expect(criticalCss(css).for(MARKUP)).toBe('.ant-btn.ant-btn-primary{a:1}');
  });

  it('a rule stays when any one of its selectors can match', () => {
    expect(criticalCss('.ant-modal,.note:hover{x:1}').for(MARKUP)).toBe('.ant-modal,.note:hover{x:1}');
  });

  it('keeps what names no class: elements, attributes, :not() and :where() of absent classes, escapes', () => {
    const css =
      'a{color:blue}[hidden]{display:none}.ant-btn:not(.ant-btn-loading){x:1}:where(.ant-modal) .note{y:2}' +
      '.ant-btn [class^=ant-modal]{z:3}.ant-col-0\\.5{w:1}.ant-modal{gone:1}';
    expect(criticalCss(css).for(MARKUP)).toBe(
      'a{color:blue}[hidden]{display:none}.ant-btn:not(.ant-btn-loading){x:1}:where(.ant-modal) .note{y:2}' +
        '.ant-btn [class^=ant-modal]{z:3}.ant-col-0\\.5{w:1}',
    );
  });

  it('group rules keep their needed rules inside, and vanish when none is needed; keyframes and fonts stay', () => {
    const css =
      '@media (max-width:575px){.ant-btn{p:0}.ant-modal{m:0}}@media print{.ant-modal{m:1}}' +
      '@supports (display:grid){@media (min-width:1px){.note{g:1}}}@keyframes spin{to{transform:rotate(1turn)}}' +
      '@font-face{font-family:x;src:url(x.woff2)}@charset "utf-8";';
    expect(criticalCss(css).for(MARKUP)).toBe(
      '@media (max-width:575px){.ant-btn{p:0}}@supports (display:grid){@media (min-width:1px){.note{g:1}}}' +
        '@keyframes spin{to{transform:rotate(1turn)}}@font-face{font-family:x;src:url(x.woff2)}@charset "utf-8";',
    );
  });

  it('braces and quotes inside strings, comments and attribute values do not end a rule', () => {
    const css =
      '/* .ant-modal { */.ant-btn:after{content:"}{"}.ant-modal[title="}"]{x:1}.note[data-x=\'.ant-modal\']{y:2}.ant-btn{z:"\\"}"}';
    expect(criticalCss(css).for(MARKUP)).toBe('.ant-btn:after{content:"}{"}.note[data-x=\'.ant-modal\']{y:2}.ant-btn{z:"\\"}"}');
  });

  it('renders with the same class lists share a key, whatever their text', () => {
    expect(classesKey('<a class="b a">1</a><i class="c"></i>')).toBe(classesKey('<i class="c">2</i><a class="a  b">3</a>'));
    expect(classesKey('<a class="a b"></a>')).not.toBe(classesKey('<a class="a"></a><a class="b"></a>'));
  });

  it('on antd’s own stylesheet: a fraction of it for a page with a button, and every rule of .ant-btn alone kept', () => {
    const require = createRequire(import.meta.url);
    const antd = readFileSync(require.resolve('antd/dist/antd.css'), 'utf8');
    const critical = criticalCss(antd);
    const part = critical.for('<button class="ant-btn ant-btn-primary ant-btn-color-primary ant-btn-variant-solid">OK</button>');
    expect(part.length).toBeLessThan(antd.length / 10);
    expect(part).toContain('.ant-btn{');
    expect(part).not.toContain('.ant-modal{');
    // Well formed: every block it opens, it closes.
    expect(part.split('{').length).toBe(part.split('}').length);
  });
});
