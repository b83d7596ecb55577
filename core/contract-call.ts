/**
 * One contract call as every transport that receives untrusted input makes
 * it (Electron IPC handlers, the HTTP bridge): known method, validated
 * argument, the call, then the value scrubbed by the Redactor, or the error
 * mapped by `toErrorPayload`. The transports add only what is theirs (the
 * sender check, the token, the HTTP status), so the same call gives the same
 * reply over both.
 */
import { API_METHODS, toErrorPayload, type ApiErrorPayload, type ApiMethod, type ContractReply, type GatewayDoctorApi } from './api';
import type { Redactor } from './util/secret';
import { validateApiArgs, type ArgCheck } from './validation';

export type ContractRedactor = Pick<Redactor, 'scrub' | 'scrubDeep'>;

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** What a call to a method the contract does not have gets. */
export function unknownMethod(name: string): ApiErrorPayload {
  return { code: 'not-found', message: `Unknown method "${name.slice(0, 60)}".` };
}

export interface ContractCallOptions {
  redactor: ContractRedactor;
  /** Defaults to the shared contract schemas (core/validation.ts). */
  validate?: (method: ApiMethod, arg: unknown) => ArgCheck;
}

export async function callContract(api: GatewayDoctorApi, name: string, input: unknown, options: ContractCallOptions): Promise<ContractReply> {
  const { redactor } = options;
  if (!isApiMethod(name)) return { ok: false, error: unknownMethod(name) };
  const checked = (options.validate ?? validateApiArgs)(name, input);
  if (!checked.ok) return { ok: false, error: { code: 'bad-request', message: redactor.scrub(checked.message) } };
  try {
    const method = api[name] as (arg: unknown) => Promise<unknown>;
    const value = await method.call(api, checked.value);
    return { ok: true, value: redactor.scrubDeep(value) };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error, redactor) };
  }
}
