// Collapses the indentation inside Lit's html`` and css`` templates of the widget's own sources
// before terser runs (terser keeps template text as written). HTML: a run of whitespace that holds
// a line break becomes one space, which renders the same. CSS: whitespace and comments go.
import MagicString from 'magic-string';

const minifyHtml = (text) => text.replace(/\s*\n\s*/g, ' ');
const minifyCss = (text) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}');

function walk(node, visit) {
  if (!node || typeof node.type !== 'string') return;
  visit(node);
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) value.forEach((child) => walk(child, visit));
    else if (value && typeof value === 'object' && typeof value.type === 'string') walk(value, visit);
  }
}

/** @param {{ include: (id: string) => boolean }} options */
export function minifyTemplates({ include }) {
  return {
    name: 'minify-lit-templates',
    transform(code, id) {
      if (!include(id)) return null;
      const source = new MagicString(code);
      walk(this.parse(code), (node) => {
        if (node.type !== 'TaggedTemplateExpression' || node.tag.type !== 'Identifier') return;
        const minify = node.tag.name === 'html' ? minifyHtml : node.tag.name === 'css' ? minifyCss : null;
        if (!minify) return;
        for (const quasi of node.quasi.quasis) {
          const raw = quasi.value.raw;
          const next = minify(raw);
          if (next !== raw && quasi.end > quasi.start) source.overwrite(quasi.start, quasi.end, next);
        }
      });
      return { code: source.toString(), map: source.generateMap({ hires: true }) };
    },
  };
}
