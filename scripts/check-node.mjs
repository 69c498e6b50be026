// Current wrangler, miniflare and vitest need Node >= 22.12. npm scripts run
// the Node 22 that `npm install` puts in node_modules/.bin, so this only
// fails when a script is run outside npm with an older system Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `Node ${process.versions.node} is too old: this project needs Node >= 22.12.\n` +
      'Run it through npm (npm start, npm test), which uses the Node 22 installed in node_modules/.bin.',
  );
  process.exit(1);
}
