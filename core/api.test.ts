import { describe, expect, it } from 'vitest';
import { API_METHODS, callApiMethod, contractOver, type ApiMethod, type GatewayDoctorApi } from './api';

describe('contractOver', () => {
  it('gives every method of the contract, each sending its own name and its one argument', async () => {
    const sent: Array<[ApiMethod, unknown]> = [];
    const api = contractOver(async (method, arg) => {
      sent.push([method, arg]);
      return null as never;
    });
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    for (const method of API_METHODS) {
      const call = api[method] as (arg: unknown) => Promise<unknown>;
      await call({ marker: method });
    }
    expect(sent).toEqual(API_METHODS.map((method) => [method, { marker: method }]));
  });

  it('sends undefined for a call without an argument', async () => {
    const sent: unknown[] = [];
    const api = contractOver(async (_method, arg) => {
      sent.push(arg);
      return null as never;
    });
    await api.getSnapshot();
    expect(sent).toEqual([undefined]);
  });
});

describe('callApiMethod', () => {
  it('calls the named method with its argument, on its own object', async () => {
    const service = {
      prefix: 'from',
      async explainError(this: { prefix: string }, args: { text: string }) {
        return { matched: `${this.prefix} ${args.text}` };
      },
    } as unknown as GatewayDoctorApi;
    await expect(callApiMethod(service, 'explainError', { text: 'the service' })).resolves.toEqual({ matched: 'from the service' });
  });
});
