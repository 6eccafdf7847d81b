import { readFileSync } from 'node:fs';

/**
 * Where a `node --cpu-prof` profile spent its time: self time by package (the node_modules directory
 * a frame belongs to, or the project's own code, Node's internals, idle, garbage collection), the top
 * functions by self time, and by inclusive time (anywhere on the stack).
 *
 *   node --cpu-prof --cpu-prof-dir=prof -r @swc-node/register bench/http.ts
 *   node -r @swc-node/register bench/cpu-profile.ts prof/<file>.cpuprofile [top]
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);

/**
 * The HTTP platform and what it brings along, Express's or Fastify's (whichever the profiled app
 * ran on), with the packages the app itself takes for HTTP: what switching platforms changes.
 */
const HTTP_PLATFORM = new Set([
  '@nestjs/platform-express',
  'express',
  'router',
  'body-parser',
  'raw-body',
  'type-is',
  'content-type',
  'media-typer',
  'mime-types',
  'mime-db',
  'iconv-lite',
  'on-finished',
  'finalhandler',
  'parseurl',
  'qs',
  'send',
  'serve-static',
  'encodeurl',
  'escape-html',
  'etag',
  'fresh',
  'proxy-addr',
  'range-parser',
  'vary',
  'cookie',
  'cookie-signature',
  'depd',
  'http-errors',
  'statuses',
  'path-to-regexp',
  'accepts',
  'negotiator',
  'content-disposition',
  'forwarded',
  'bytes',
  'unpipe',
  'ee-first',
  '@nestjs/platform-fastify',
  'fastify',
  'find-my-way',
  'avvio',
  'light-my-request',
  'fast-querystring',
  'fast-decode-uri-component',
  'fast-json-stringify',
  'secure-json-parse',
  'toad-cache',
  'rfdc',
  'process-warning',
  'abstract-logging',
  'safe-regex2',
  'ret',
  'fastq',
  'reusify',
  'fastify-plugin',
  '@fastify/middie',
  '@fastify/error',
  '@fastify/proxy-addr',
  '@fastify/forwarded',
  '@fastify/fast-json-stringify-compiler',
  '@fastify/ajv-compiler',
  '@fastify/static',
]);

function packageOf(url: string, functionName: string): string {
  if (SPECIAL.has(functionName)) return functionName;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [scope, name] = url.slice(modules + 'node_modules/'.length).split('/');
    return scope.startsWith('@') ? `${scope}/${name}` : scope;
  }
  if (url.startsWith('node:') || url === '') return '(node internals)';
  return '(project)';
}

const [file, topArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: cpu-profile.ts <file.cpuprofile> [top]');
const top = Number(topArgument ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);

const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
const totalMs = [...selfMs.values()].reduce((a, b) => a + b, 0);

const nameOf = (id: number) => {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const where = url
    ? `${url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(apps|libs|bench)\//, '$1/')}:${lineNumber + 1}`
    : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const packages = new Map<string, number>();
const functions = new Map<string, number>();
const inclusive = new Map<string, number>();
const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
for (const [id, ms] of selfMs) {
  const { functionName, url } = byId.get(id)!.callFrame;
  add(packages, packageOf(url, functionName), ms);
  add(functions, nameOf(id), ms);
  // Once per sample, however deep a recursion goes.
  const onStack = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) onStack.add(nameOf(at));
  for (const name of onStack) if (!SPECIAL.has(name)) add(inclusive, name, ms);
}

const share = (entries: Map<string, number>, count: number) =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, ms]) => ({ name, ms: Math.round(ms), percent: Math.round((ms / totalMs) * 1000) / 10 }));

console.log(`${Math.round(totalMs)} ms sampled`);
console.table(share(packages, 25));
// Waiting (idle) and socket writes (mostly time the woken database takes the core; see the README)
// are left out of what the JavaScript itself costs.
const running = totalMs - (packages.get('(idle)') ?? 0) - (functions.get('writev') ?? 0);
const platform = [...packages].filter(([name]) => HTTP_PLATFORM.has(name)).reduce((sum, [, ms]) => sum + ms, 0);
console.log(
  `the HTTP platform (Express or Fastify, and what each brings), self time: ${Math.round(platform)} ms = ${Math.round((platform / running) * 1000) / 10}% of ${Math.round(running)} ms running (not idle, not in writev)`,
);
console.log('self time:');
console.table(share(functions, top));
console.log('inclusive time:');
console.table(share(inclusive, top));
