/**
 * The app's identity as the OS knows it. Windows matches toasts to the
 * Start-menu shortcut by AppUserModelID, which electron-builder sets to
 * `appId` (electron-builder.yml); app-identity.test.ts keeps the two equal.
 */
export const APP_USER_MODEL_ID = 'dev.gateway-doctor.app';
