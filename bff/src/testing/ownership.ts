import path from 'node:path';
import { bffRoot, importsOf, sourceFiles } from './sourceGraph';

/** Where a module's collections may be touched from: its own folder, and the composition root that hands it its models. */
export interface OwnershipRule {
  /** The owning module's folder name under bff/src/modules. */
  module: string;
  /** What opens the owned collections: model factories, and the stores and writers built on them. */
  openers: ReadonlySet<string>;
  /** Each way of touching them in source text, with what to call it. */
  touches: ReadonlyArray<[string, RegExp]>;
}

export const REACHES_INTO_MODELS = 'reaches into a models bag';
const COMPOSITION_ROOT = path.join(bffRoot, 'services.ts');

/** Why `file` (outside the owner) breaks the rule, if it does: `(file, text) => reasons`. */
export function ownershipViolations(rule: OwnershipRule): (file: string, text: string) => string[] {
  const owner = path.join(bffRoot, 'modules', rule.module);
  return (file, text) => {
    const found: string[] = [];
    const root = file === COMPOSITION_ROOT;
    for (const edge of importsOf(file, text)) {
      if (root || !edge.resolved?.startsWith(`${owner}${path.sep}`)) continue;
      for (const name of edge.values) if (rule.openers.has(name) || name === '*') found.push(`imports ${name} from ${path.relative(bffRoot, edge.resolved)}`);
    }
    for (const [what, pattern] of rule.touches) {
      if (root && what === REACHES_INTO_MODELS) continue; // it hands the models to their owner
      if (pattern.test(text)) found.push(what);
    }
    return found;
  };
}

/** Every bff/src source file outside the owning module. */
export function filesOutside(module: string): string[] {
  const owner = path.join(bffRoot, 'modules', module);
  return sourceFiles().filter((file) => !file.startsWith(`${owner}${path.sep}`));
}
