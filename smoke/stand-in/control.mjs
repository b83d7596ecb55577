/**
 * The stand-in's control channel: the parent process (smoke/harness.ts) sends
 * `{ id, command, args }` over the fork IPC channel and gets `{ id, ok,
 * result | error }` back. Commands read what the app did (`state`) or act as
 * the user or the OS would (a second launch, a tray click, a notification
 * click, a call from the dashboard page, Quit).
 */

/** @param {{ record: any, app: any, net: any, invokeAs: Function, report: (m: unknown) => Promise<void> }} standIn */
export function startControlChannel({ record, app, net, invokeAs, report }) {
  const liveWindow = () => record.windows.filter((w) => !w.destroyed).at(-1) ?? null;

  function menuItems(menu) {
    return (menu?.items ?? []).map((item) => ({ label: item.label ?? null, type: item.type ?? 'normal', enabled: item.enabled !== false, checked: item.checked, submenu: item.submenu ? menuItems(item.submenu) : undefined }));
  }

  function findMenuItem(menu, labels) {
    let items = menu?.items ?? [];
    let found = null;
    for (const label of labels) {
      found = items.find((item) => item.label === label) ?? null;
      if (!found) return null;
      items = found.submenu?.items ?? [];
    }
    return found;
  }

  function state() {
    return {
      readyAt: record.readyAt,
      platform: process.platform,
      calls: record.calls,
      singleInstanceLock: record.singleInstanceLock,
      appUserModelId: record.appUserModelId,
      appUserModelIdAt: record.appUserModelIdAt,
      dockHidden: record.dockHidden,
      errorBoxes: record.errorBoxes,
      privilegedSchemes: record.privilegedSchemes.map((s) => s.scheme),
      protocols: [...record.protocolHandlers.keys()],
      ipcChannels: [...record.ipcHandlers.keys()].sort(),
      listeners: Object.fromEntries(['second-instance', 'activate', 'before-quit', 'window-all-closed', 'web-contents-created'].map((e) => [e, app.listenerCount(e)])),
      trays: record.trays.map(({ instance: _i, menu, ...t }) => ({ ...t, menu: menuItems(menu) })),
      windows: record.windows.map(({ instance, ...w }) => ({ ...w, world: w.world ? Object.keys(w.world).length : null, bounds: instance.getBounds() })),
      notifications: record.notifications.map(({ instance: _i, ...n }) => n),
    };
  }

  const commands = {
    state,
    emitApp: ({ event, args = [] }) => void app.emit(event, {}, ...args),
    quit: () => void app.quit(),
    clickTray: () => void record.trays.at(-1)?.instance.emit('click', {}, {}),
    clickMenuItem: ({ labels }) => {
      const item = findMenuItem(record.trays.at(-1)?.menu, labels);
      if (!item) throw new Error(`No tray menu item ${labels.join(' ▸ ')}`);
      item.click?.({}, undefined, {});
    },
    clickNotification: ({ index }) => void record.notifications.at(index)?.instance.emit('click', {}),
    moveWindow: ({ bounds }) => void liveWindow()?.instance.setBounds(bounds),
    closeWindow: () => void liveWindow()?.instance.close(),
    /** A call from a frame of our choosing (the untrusted-sender checks). */
    invokeAs: ({ url, parent = null, channel, arg }) => invokeAs({ url, parent }, null, channel, arg),
    /** What the page sees: the keys of window.gatewayDoctor and their types. */
    worldShape: () => {
      const world = liveWindow()?.world;
      if (!world) return null;
      return Object.fromEntries(Object.entries(world).map(([key, api]) => [key, Object.fromEntries(Object.entries(api).map(([k, v]) => [k, typeof v]))]));
    },
    /** Calls window.gatewayDoctor[method](arg) through the preload. Errors come back as values, like the page sees them. */
    callFromPage: async ({ method, arg }) => {
      const api = liveWindow()?.world?.gatewayDoctor;
      if (!api) throw new Error('No dashboard window with a preload world');
      try {
        return { ok: true, value: await api[method](arg) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? { message: error.message } : error };
      }
    },
    /** Subscribes the page to `event`, calls `trigger` from the page, and returns how many payloads arrived within `waitMs`. */
    pageEvents: async ({ event, trigger, waitMs }) => {
      const api = liveWindow()?.world?.gatewayDoctor;
      if (!api) throw new Error('No dashboard window with a preload world');
      const seen = [];
      const off = api.on(event, (payload) => seen.push(payload));
      if (trigger) await api[trigger]({});
      await new Promise((r) => setTimeout(r, waitMs));
      off();
      return seen.length;
    },
    fetchApp: async ({ url }) => {
      const response = await net.fetch(url);
      return { status: response.status, headers: Object.fromEntries(response.headers), bodyStart: (await response.text()).slice(0, 200) };
    },
  };

  process.on('message', async (message) => {
    if (!message || typeof message !== 'object' || typeof message.id !== 'number') return;
    try {
      const command = commands[message.command];
      if (!command) throw new Error(`Unknown stand-in command ${message.command}`);
      const result = await command(message.args ?? {});
      await report({ id: message.id, ok: true, result });
    } catch (error) {
      await report({ id: message.id, ok: false, error: String(error?.message ?? error) });
    }
  });
  // Electron's message loop keeps the app running until it quits, idle or
  // not; the parent going away ends the run (no stray processes after a test).
  setInterval(() => undefined, 1 << 30);
  process.on('disconnect', () => process.exit(70));
}
