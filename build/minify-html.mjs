// Drops the indentation inside Lit's html`...` templates of a bundle's own sources: it would
// otherwise ship to every citizen's phone (about 120 bytes gzip of narahubung-widget.js, measured).
// Found with TypeScript's parser, so templates nested in `${}` are handled; only the white space
// after a line break in the static text goes, and the line break stays: the rendering is the same
// (HTML collapses white space; no template has text in a `pre`) and so are the source maps' lines.
import ts from 'typescript';

/** The source with the indentation after each line break in its html`` templates removed. */
export function minifyHtmlTemplates(source, fileName = 'source.ts') {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const ranges = [];
  const visit = (node) => {
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'html') {
      const template = node.template;
      const literals = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const literal of literals) ranges.push([literal.getStart(file), literal.getEnd()]);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) {
    out = `${out.slice(0, start)}${out.slice(start, end).replace(/\n[ \t]+/g, '\n')}${out.slice(end)}`;
  }
  return out;
}

/** Rollup plugin: applies `minifyHtmlTemplates` to matching files that have html`` templates. */
export function htmlTemplates({ include = /\/packages\/widget\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-html-templates',
    transform(code, id) {
      // The TypeScript plugin hands over its output, which writes a space after the tag: html `...`.
      if (!include.test(id) || !/\bhtml\s*`/.test(code)) return null;
      const out = minifyHtmlTemplates(code, id);
      return out === code ? null : { code: out, map: null };
    },
  };
}
