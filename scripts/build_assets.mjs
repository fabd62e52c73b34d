// Builds the web app's static files from npm packages into src/pairsight/web/static/vendor/
// (git-ignored): the NHS.UK frontend stylesheet (compiled with our own rules), one script
// for every page (NHS.UK components and htmx), one for charts (vega-embed), and the NHS.UK
// images. Nothing third-party is ever committed; `make assets` runs this after `npm ci`.
import { build } from "esbuild";
import * as sass from "sass";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "src/pairsight/web/static_src");
const vendor = join(root, "src/pairsight/web/static/vendor");
const modules = join(root, "node_modules");
const stamp = join(vendor, ".built");

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const inputs = [source, join(root, "package-lock.json"), fileURLToPath(import.meta.url)];
const force = process.argv.includes("--force");
if (!force && existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newest))) {
  console.log("Static assets are up to date.");
  process.exit(0);
}

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });

const css = sass.compile(join(source, "pairsight.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(vendor, "pairsight.css"), css.css);

await build({
  entryPoints: { app: join(source, "app.js"), charts: join(source, "charts.js") },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: vendor,
  legalComments: "linked",
  logLevel: "warning",
});

cpSync(join(source, "js-enabled.js"), join(vendor, "js-enabled.js"));
// Leaflet for the service map, as published (its own licence header kept); no tile images.
mkdirSync(join(vendor, "leaflet"), { recursive: true });
for (const name of ["leaflet.js", "leaflet.css", "LICENSE"]) {
  const from = name === "LICENSE" ? join(modules, "leaflet/LICENSE") : join(modules, "leaflet/dist", name);
  cpSync(from, join(vendor, "leaflet", name));
}
cpSync(join(modules, "nhsuk-frontend/dist/nhsuk/assets/images"), join(vendor, "nhsuk/images"), {
  recursive: true,
});

writeFileSync(stamp, new Date().toISOString() + "\n");
console.log(`Built static assets into ${vendor}`);
