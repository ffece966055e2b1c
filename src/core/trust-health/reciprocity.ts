/**
 * Reciprocity imbalance from what each organisation delivered to and received from its partners
 * (docs/trust-health.md §2.3). For two partners it is |a − b| / (a + b).
 */
import type { ReciprocityRecord } from "./trust-health-inputs.js";

/** Kept commitments one organisation delivered to partners and received from them. */
export interface ReciprocityFlow {
  organizationId: string;
  delivered: number;
  received: number;
}

/**
 * imbalance = Σ|delivered − received| / (2 · Σ delivered), 0 (balanced) … 1 (one-way traffic);
 * null when nothing was delivered, because there is no give and take to judge yet.
 */
export function reciprocityImbalance(flows: readonly ReciprocityFlow[]): ReciprocityRecord | null {
  const delivered = flows.reduce((sum, f) => sum + f.delivered, 0);
  if (delivered <= 0) return null;
  const gap = flows.reduce((sum, f) => sum + Math.abs(f.delivered - f.received), 0);
  return { imbalance: Math.min(1, gap / (2 * delivered)), exchanges: delivered };
}
