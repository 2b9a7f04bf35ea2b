// Builds the web page into the silo's embedded static files: `node build.mjs --out <dir>`.
// Installs the npm packages of package-lock.json when they changed (npm ci), then bundles our ES modules with uPlot
// (esbuild) into <dir>/app.js and app.css, and copies index.html. The silo's MSBuild target runs it only when an input
// changed. A lock folder serialises concurrent builds (Debug and Release, or two `dotnet test` runs), which share
// node_modules. Errors print as "error LIVESIMWEB: ..." so MSBuild reports them as build errors.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const lockDir = path.join(here, '.build-lock');
const installedStamp = path.join(here, 'node_modules', '.livesim-installed');

function fail(message) {
  console.error(`error LIVESIMWEB: ${message}`);
  process.exit(1);
}

function outDir() {
  const i = process.argv.indexOf('--out');
  if (i < 0 || !process.argv[i + 1]) { fail('usage: node build.mjs --out <directory>'); }
  return path.resolve(process.argv[i + 1]);
}

function sleep(ms) { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms); }

function processAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

// mkdir is atomic: whoever creates the folder holds the lock. A lock left by a process that died is taken over.
async function withLock(work) {
  const deadline = Date.now() + 10 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') { throw e; }
      let owner = NaN;
      try { owner = Number(readFileSync(path.join(lockDir, 'pid'), 'utf8')); } catch { /* being written or removed */ }
      const age = (() => { try { return Date.now() - statSync(lockDir).mtimeMs; } catch { return 0; } })();
      if ((Number.isInteger(owner) && owner > 0 && !processAlive(owner)) || (Number.isNaN(owner) && age > 60000)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) { fail(`another build has held ${lockDir} for 10 minutes; remove it if no build is running`); }
      sleep(200);
    }
  }
  try { return await work(); } finally { rmSync(lockDir, { recursive: true, force: true }); }
}

function installPackages() {
  const lockHash = createHash('sha256').update(readFileSync(path.join(here, 'package-lock.json'))).digest('hex');
  if (existsSync(installedStamp) && readFileSync(installedStamp, 'utf8') === lockHash) { return; }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (spawnSync(npm, ['--version'], { stdio: 'ignore', shell: process.platform === 'win32' }).status !== 0) {
    fail('npm is not on PATH: the web page (src/Orleans.LiveSim.Silo/web) needs Node.js and npm to build (Debian: apt-get install nodejs npm)');
  }
  // --ignore-scripts: no package needs an install script (esbuild's binary comes as an optional package).
  const ci = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: here, stdio: 'inherit', shell: process.platform === 'win32' });
  if (ci.status !== 0) { fail(`npm ci failed in ${here} (exit ${ci.status}); the npm registry must be reachable on a first build`); }
  writeFileSync(installedStamp, lockHash);
}

async function bundle(out) {
  const esbuild = await import('esbuild');
  const uplot = JSON.parse(readFileSync(path.join(here, 'node_modules', 'uplot', 'package.json'), 'utf8'));
  mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(here, 'src', 'app.js'), path.join(here, 'src', 'app.css')],
    outdir: out,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    target: ['es2020'],
    format: 'iife',
    logLevel: 'error',
    // uPlot's licence header is a plain comment, which minifying drops: keep its notice in the bundle.
    banner: { js: `/*! uPlot ${uplot.version} (c) Leon Sorokin, MIT License, https://github.com/leeoniya/uPlot */` },
  });
  copyFileSync(path.join(here, 'index.html'), path.join(out, 'index.html'));
}

const out = outDir();
const major = Number(process.versions.node.split('.')[0]);
if (major < 18) { fail(`Node.js 18 or newer is needed to build the web page (this is ${process.version})`); }
await withLock(async () => {
  installPackages();
  try { await bundle(out); } catch (e) { fail(`bundling the web page failed: ${e.message}`); }
});
