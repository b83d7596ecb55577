// Module-resolution hook (module.register): the bare specifier `electron`
// resolves to the recording stand-in instead of node_modules/electron (whose
// index.js only returns the path of a binary that is not installed here).
const STAND_IN = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron' || specifier.startsWith('electron/')) return { url: STAND_IN, shortCircuit: true };
  return nextResolve(specifier, context);
}
