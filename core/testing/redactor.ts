/** A Redactor that already knows CANARY, as the service's would after reading the configuration. */
import { Redactor } from '../util/secret';
import { CANARY } from './canary';

export function canaryRedactor(): Redactor {
  const redactor = new Redactor();
  redactor.add(CANARY);
  return redactor;
}
