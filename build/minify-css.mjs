// Minifies the CSS inside Lit's css`...` templates of a bundle's own sources: comments and
// indentation would otherwise ship to every citizen's phone. Conservative on purpose: it only
// drops comments, folds white space, and removes it next to { } ; , and after a colon.
export function minifyCssTemplates(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/** Rollup plugin: applies `minifyCssTemplates` to css`...` literals (without `${}`) in matching files. */
export function cssTemplates({ include = /\/packages\/widget\/src\/.*\.ts$/ } = {}) {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      // The TypeScript plugin hands over its output, which writes a space after the tag: css `...`.
      if (!include.test(id) || !/\bcss\s*`/.test(code)) return null;
      const out = code.replace(/\bcss\s*`([^`$]*)`/g, (_whole, body) => `css\`${minifyCssTemplates(body)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}
