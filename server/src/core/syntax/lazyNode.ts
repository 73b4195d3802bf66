// The base of the tree's nodes that make their ranges when read (nodes.ts, fieldNodes.ts), and
// how to get a plain copy of one.

/** A node that makes its ranges when read. */
export abstract class LazyNode {
  abstract toJSON(): object;
}

/** The node as plain data, its ranges made: what to spread for a changed copy. */
export const asPlain = <T extends object>(node: T): T => (node instanceof LazyNode ? (node.toJSON() as T) : node);
