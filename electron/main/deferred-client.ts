/**
 * A contract client usable before the service exists. The tray, IPC and the
 * second-instance/activate listeners are set up right after `ready`, while
 * createGatewayDoctor may still be waiting on a slow `claude --version`:
 * calls made meanwhile wait for the service, subscriptions attach when it
 * arrives, and a service that failed to start rejects every call with its
 * error (the caller already turns that into a one-line message).
 */
import { callApiMethod, contractOver, type ApiEvent, type ContractSender, type GatewayDoctorClient, type GatewayDoctorEvents, type Unsubscribe } from '../../core/api';

export function deferredClient(ready: Promise<GatewayDoctorClient>): GatewayDoctorClient {
  // Subscribers keep working if `ready` rejects; only calls report the failure.
  ready.catch(() => undefined);
  const send: ContractSender = (method, arg) => ready.then((service) => callApiMethod(service, method, arg));
  const on = <E extends ApiEvent>(event: E, listener: (payload: GatewayDoctorEvents[E]) => void): Unsubscribe => {
    let off: Unsubscribe | null = null;
    let cancelled = false;
    ready.then(
      (service) => {
        if (!cancelled) off = service.on(event, listener);
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      off?.();
    };
  };
  return { ...contractOver(send), on };
}
