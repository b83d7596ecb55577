// Preloaded into electronegativity (node -r). It writes its CSV report with two
// concurrent fs.writeFile calls: the header (truncating) and then the body
// (appending). When the header write lands second it overwrites the start of
// the body, and the report is corrupt (seen here about one run in three).
// Writes to the report path (GD_REPORT_PATH) are made synchronous, so they land
// in call order; every other write is untouched.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: loaded with `node -r` before the tool starts */
'use strict';
const fs = require('node:fs');
const { resolve } = require('node:path');

// One report path (GD_REPORT_PATH), or several separated by newlines (GD_REPORT_PATHS, for tests).
const targets = new Set(
  [process.env.GD_REPORT_PATH, ...(process.env.GD_REPORT_PATHS ?? '').split('\n')].filter(Boolean).map((p) => resolve(p)),
);
const asyncWriteFile = fs.writeFile;

fs.writeFile = function writeFileInCallOrder(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof file !== 'string' || !targets.has(resolve(file))) return asyncWriteFile.call(fs, file, data, options, callback);
  let error = null;
  try {
    fs.writeFileSync(file, data, options);
  } catch (e) {
    error = e;
  }
  if (typeof callback === 'function') process.nextTick(callback, error);
};
