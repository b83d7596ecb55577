/**
 * Throw-away TLS material for the loopback gateway, generated with openssl
 * at test time so no private key ever sits in the repository: a CA, and a
 * server certificate for 127.0.0.1 / localhost signed by it.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificates {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** A folder holding ca.pem, cert.pem and key.pem (for NODE_EXTRA_CA_CERTS tests). */
  dir: string;
  caPath: string;
  cleanup(): Promise<void>;
}

/** Generates a CA and a leaf certificate valid for `days` (default 365) for 127.0.0.1 and localhost. */
export async function createTestCertificates(opts: { days?: number; commonName?: string } = {}): Promise<TestCertificates> {
  const days = String(opts.days ?? 365);
  const dir = await mkdtemp(join(tmpdir(), 'gd-certs-'));
  const p = (name: string): string => join(dir, name);
  const openssl = (args: string[]): Promise<unknown> => run('openssl', args, { timeout: 20_000 });
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('ca-key.pem'), '-out', p('ca.pem'), '-days', '30', '-subj', '/CN=Gateway Doctor Test CA/O=Gateway Doctor Tests']);
  await openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', p('key.pem'), '-out', p('server.csr'), '-subj', `/CN=${opts.commonName ?? 'gateway.test'}`]);
  await writeFile(p('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:gateway.test\nbasicConstraints=CA:FALSE\n');
  await openssl(['x509', '-req', '-in', p('server.csr'), '-CA', p('ca.pem'), '-CAkey', p('ca-key.pem'), '-CAcreateserial', '-out', p('cert.pem'), '-days', days, '-extfile', p('ext.cnf')]);
  const [caPem, certPem, keyPem] = await Promise.all([readFile(p('ca.pem'), 'utf8'), readFile(p('cert.pem'), 'utf8'), readFile(p('key.pem'), 'utf8')]);
  return { caPem, certPem, keyPem, dir, caPath: p('ca.pem'), cleanup: () => rm(dir, { recursive: true, force: true }) };
}
