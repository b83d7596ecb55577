/**
 * One contract call as every transport that receives untrusted input makes
 * it (Electron IPC handlers, the HTTP bridge): known method, validated
 * argument, the call, then the value scrubbed by the Redactor, or the error
 * mapped by `toErrorPayload`. The transports add only what is theirs (the
 * sender check, the token, the HTTP status), so the same call gives the same
 * reply over both.
 */
import { API_METHODS, callApiMethod, toErrorPayload, type ApiErrorPayload, type ApiMethod, type ContractReply, type GatewayDoctorApi } from './api';
import type { Redactor } from './util/secret';
import { validateApiArgs } from './validation';

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
}

export async function callContract(api: GatewayDoctorApi, name: string, input: unknown, options: ContractCallOptions): Promise<ContractReply> {
  if (!isApiMethod(name)) return { ok: false, error: unknownMethod(name) };
  return callKnownMethod(api, name, input, options);
}

async function callKnownMethod<M extends ApiMethod>(api: GatewayDoctorApi, method: M, input: unknown, options: ContractCallOptions): Promise<ContractReply> {
  const { redactor } = options;
  const checked = validateApiArgs(method, input);
  if (!checked.ok) return { ok: false, error: { code: 'bad-request', message: redactor.scrub(checked.message) } };
  try {
    const value = await callApiMethod(api, method, checked.value);
    return { ok: true, value: redactor.scrubDeep(value) };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error, redactor) };
  }
}
