/**
 * The preload: runs sandboxed (checklist #4), built as CommonJS
 * (out/preload/index.cjs) because the package is "type": "module" and a
 * sandboxed preload cannot load ES modules. It may only `require('electron')`,
 * so the contract lists from core/api.ts are bundled in.
 *
 * Checklist #3 "Enable context isolation": the bridge is exposed through
 * contextBridge, never by assigning to window.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('gatewayDoctor', createBridge(ipcRenderer));
