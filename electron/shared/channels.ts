/**
 * IPC channel names, shared by main and preload (and nothing else: the
 * preload bundle must stay free of runtime dependencies).
 */
const INVOKE_PREFIX = 'gd:invoke:';
const EVENT_PREFIX = 'gd:event:';

export const invokeChannel = (method: string): string => `${INVOKE_PREFIX}${method}`;
export const eventChannel = (event: string): string => `${EVENT_PREFIX}${event}`;
