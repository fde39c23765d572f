import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * bff/src (and shared/src) read as source, for the tests that hold their structure: which file
 * imports which (`importGraph.test.ts`: no cycle) and which module touches which collection
 * (`modules/results/ownership.test.ts`). Test support: nothing the server imports. Uses the
 * TypeScript compiler's own parser, so an import is an import whatever its formatting.
 */

/** bff/src. */
export const bffRoot = path.resolve(__dirname, '..');
/** shared/src, whose import graph importGraph.test.ts holds too. */
export const sharedRoot = path.resolve(bffRoot, '..', '..', 'shared', 'src');

/** The source files below `dir` (not tests, not benches). */
export function sourceFiles(dir: string = bffRoot): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.(test|bench)\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

export interface ImportEdge {
  /** What the file wrote: './model', '@assess/shared'. */
  specifier: string;
  /** The file it names, for a relative import that resolves to one. */
  resolved: string | null;
  /** `import type …`, or only type-only names: erased at run time (it still binds the two files). */
  typeOnly: boolean;
  /** The names imported at run time (`import { a, type B }` → ['a']; a default or namespace import → its local name). */
  values: string[];
}

function resolve(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), base]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every import and re-export of a source text. */
export function importsOf(file: string, text: string = fs.readFileSync(file, 'utf8')): ImportEdge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const edges: ImportEdge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, values: string[]) => {
    if (specifier && ts.isStringLiteral(specifier)) edges.push({ specifier: specifier.text, resolved: resolve(file, specifier.text), typeOnly, values });
  };
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : null;
      const onlyTypes = clause !== undefined && (clause.isTypeOnly || (!clause.name && named !== null && named.length > 0 && named.every((element) => element.isTypeOnly)));
      const values = clause === undefined || clause.isTypeOnly ? [] : [
        ...(clause.name ? [clause.name.text] : []),
        ...(bindings && ts.isNamespaceImport(bindings) ? [bindings.name.text] : []),
        ...(named ?? []).filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text),
      ];
      add(statement.moduleSpecifier, onlyTypes, values);
    } else if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      const values = statement.isTypeOnly ? [] : clause && ts.isNamedExports(clause) ? clause.elements.filter((element) => !element.isTypeOnly).map((element) => (element.propertyName ?? element.name).text) : ['*'];
      add(statement.moduleSpecifier, statement.isTypeOnly, values);
    }
  }
  return edges;
}

/** The import graph of a set of files: file → the files it imports (type-only imports included). */
export function importGraph(files: readonly string[]): Map<string, string[]> {
  return new Map(files.map((file) => [file, importsOf(file).flatMap((edge) => (edge.resolved ? [edge.resolved] : []))]));
}

/** The cycles of a graph: its strongly connected components of more than one file, or a file importing itself. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}
