import preact from '@preact/preset-vite';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** Prints the gzipped size of the built JS and CSS, the numbers the bundle budget (35 KB) is about. */
function gzipReport(): Plugin {
  return {
    name: 'gzip-report',
    apply: 'build',
    generateBundle(_, bundle) {
      const size = { js: 0, css: 0 };
      for (const file of Object.values(bundle)) {
        const ext = file.fileName.endsWith('.js') ? 'js' : file.fileName.endsWith('.css') ? 'css' : null;
        if (!ext) continue;
        size[ext] += gzipSync(file.type === 'chunk' ? file.code : file.source).length;
      }
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`bundle (gzipped): JS ${kb(size.js)}, CSS ${kb(size.css)}, total ${kb(size.js + size.css)}`);
    },
  };
}

export default defineConfig({
  root: 'ui',
  plugins: [preact(), gzipReport()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
