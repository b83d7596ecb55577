/**
 * Preloaded (`node -r`) into tools that phone home (electronegativity fetches
 * translations and Electron's release list at start-up). Only loopback host
 * names resolve; everything else fails at once with ENOTFOUND, so the tool
 * falls back to its bundled data and the run makes no outside connection.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: loaded with `node -r` before the tool starts */
'use strict';
const dns = require('node:dns');
const net = require('node:net');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);
const refuse = (hostname) => Object.assign(new Error(`offline-guard: refused to resolve ${hostname}`), { code: 'ENOTFOUND', hostname });

const originalLookup = dns.lookup;
dns.lookup = function guardedLookup(hostname, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  if (!LOOPBACK.has(String(hostname).toLowerCase())) {
    process.nextTick(() => cb(refuse(hostname)));
    return {};
  }
  return originalLookup.apply(this, arguments);
};
const originalPromisesLookup = dns.promises.lookup;
dns.promises.lookup = async function guardedPromisesLookup(hostname, ...rest) {
  if (!LOOPBACK.has(String(hostname).toLowerCase())) throw refuse(hostname);
  return originalPromisesLookup.call(this, hostname, ...rest);
};

// Literal IP addresses skip DNS: refuse non-loopback ones at connect time.
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.createConnection passes its normalized [options, callback] array as the first argument.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host;
  if (!options.path && host && net.isIP(host) && !LOOPBACK.has(host) && !host.startsWith('127.')) {
    const error = refuse(host);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return originalConnect.apply(this, args);
};
