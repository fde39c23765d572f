/**
 * Dependency graphs of a definition (visibleIf conditions between questions, indicators reading
 * indicators): a topological order for evaluation, or the first cycle for the loader to report.
 */

export interface Edge {
  to: number;
  /** Where in the definition the dependency is written, for the error path. */
  path: string;
}

export type GraphOrder = { ok: true; order: number[] } | { ok: false; cycle: number[]; path: string };

/**
 * Depth-first topological sort over nodes 0..count-1 in their given order, so the result is
 * deterministic: dependencies come before the nodes that read them. On a cycle, returns its nodes
 * (first node repeated at the end) and the path of the edge that closes it.
 */
export function topologicalOrder(count: number, edgesOf: (node: number) => readonly Edge[]): GraphOrder {
  const state = new Uint8Array(count); // 0 new, 1 on the stack, 2 done
  const order: number[] = [];
  const stack: number[] = [];

  const visit = (node: number): { cycle: number[]; path: string } | null => {
    state[node] = 1;
    stack.push(node);
    for (const edge of edgesOf(node)) {
      if (state[edge.to] === 1) {
        const from = stack.indexOf(edge.to);
        return { cycle: [...stack.slice(from), edge.to], path: edge.path };
      }
      if (state[edge.to] === 0) {
        const found = visit(edge.to);
        if (found) return found;
      }
    }
    stack.pop();
    state[node] = 2;
    order.push(node);
    return null;
  };

  for (let node = 0; node < count; node++) {
    if (state[node] !== 0) continue;
    const found = visit(node);
    if (found) return { ok: false, ...found };
  }
  return { ok: true, order };
}
