import { generate } from 'selfsigned';

/**
 * TLS material generated at start, in process (no openssl): a CA (basicConstraints cA, keyCertSign) and
 * a server certificate signed by it for `127.0.0.1`, `::1` and `localhost`. EC P-256 keys keep start-up
 * fast (tens of milliseconds instead of RSA-2048's hundreds). Clients trust `caCertPem` explicitly.
 * (Plain HTTP is not an option: the Azure SDKs refuse bearer tokens over non-TLS URLs.)
 */
export interface TlsMaterial {
  caCertPem: string;
  certPem: string;
  keyPem: string;
}

export async function generateTlsMaterial(extraHosts: string[] = []): Promise<TlsMaterial> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600_000);
  const ca = await generate([{ name: 'commonName', value: 'azprov ARM emulator CA' }, { name: 'organizationName', value: 'azprov' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  const dnsHosts = ['localhost', ...extraHosts.filter((h) => !/^[\d.:]+$/.test(h))];
  const ipHosts = ['127.0.0.1', '::1', ...extraHosts.filter((h) => /^[\d.:]+$/.test(h))];
  const leaf = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...new Set(ipHosts)].map((ip) => ({ type: 7 as const, ip })).concat([...new Set(dnsHosts)].map((value) => ({ type: 2 as const, value }) as any)),
      },
    ],
  });
  return { caCertPem: ca.cert, certPem: leaf.cert, keyPem: leaf.private };
}
