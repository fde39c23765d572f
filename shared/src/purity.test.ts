// Node's fs and path, typed for this file only: shared's tsconfig deliberately has no Node types,
// so that source code using them fails to compile.
declare function require(id: 'node:fs'): {
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
  statSync(path: string): { isDirectory(): boolean };
};
declare function require(id: 'node:path'): { join(...parts: string[]): string; relative(from: string, to: string): string };
declare const __dirname: string;
export {};

const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

/**
 * shared/ runs in the BFF, the mini-program and the browser: its source must not import I/O,
 * frameworks or the environment. Tests (*.test.ts) may use node:fs, as this one does.
 */
const root = __dirname;
const forbidden = /^(node:)?(fs|fs\/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads)$|^(koa|koa-.+|@koa\/.+|mongoose|mongodb|ioredis|redis|@tarojs\/.+|axios|pino)$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\bfrom\s+['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /^\s*import\s+['"]([^'"]+)['"]/gm];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) if (match[1]) specifiers.push(match[1]);
  return specifiers;
}

describe('shared/src is pure', () => {
  const files = sourceFiles(root);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s imports no I/O module and reads no environment', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    expect(importsOf(source).filter((specifier) => forbidden.test(specifier))).toEqual([]);
    expect(source).not.toMatch(/process\.env/);
    expect(source).not.toMatch(/\b(eval|new Function)\s*\(/);
  });

  it('recognises the imports it forbids', () => {
    const sample = "import fs from 'node:fs';\nimport { x } from \"koa\";\nconst r = require('ioredis');\nawait import('@tarojs/taro');";
    expect(importsOf(sample).filter((s) => forbidden.test(s)).sort()).toEqual(['@tarojs/taro', 'ioredis', 'koa', 'node:fs']);
  });
});
