import type { Finding } from '../types';
import { FINDINGS, type CatalogEntry, type FindingId } from './catalog';

/**
 * Builds a finding from the catalogue defaults plus the specifics the
 * detector knows (always a `detail` naming the file, variable or status).
 */
export function makeFinding(
  id: FindingId,
  specifics: Pick<Finding, 'detail'> & Partial<Omit<Finding, 'id' | 'detail'>>,
): Finding {
  const entry: CatalogEntry = FINDINGS[id];
  return {
    id,
    severity: specifics.severity ?? entry.severity,
    title: specifics.title ?? entry.title,
    detail: specifics.detail,
    fix: specifics.fix ?? entry.fix,
    ...(specifics.steps ? { steps: specifics.steps } : {}),
    ...(specifics.source ? { source: specifics.source } : {}),
    ...(specifics.machineFix ? { machineFix: specifics.machineFix } : {}),
    ...(entry.docs || specifics.docs ? { docs: specifics.docs ?? entry.docs } : {}),
  };
}
