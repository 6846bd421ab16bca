// Makes NODE_EXTRA_CA_CERTS count for our requests. With http.systemCertificates on (the default),
// VS Code's fetch gives each request the bundled roots plus the system store as its whole CA list,
// which drops the extra certificates Node would otherwise add. VS Code takes the CA list from the
// dispatcher a request brings, so we bring one whose list has all three.
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import { Agent } from 'undici';
import type { FetchFunction } from '../../core/platform/guardedFetch';
import { Log } from './log';

/** `tls.getCACertificates` is Node 22.15+; older hosts get the system store from VS Code only without extra certificates. */
type GetCaCertificates = (type: 'bundled' | 'system' | 'extra') => string[];

/** A fetch whose CA list adds NODE_EXTRA_CA_CERTS, or undefined when the variable is not set. */
export function fetchWithExtraCertificates(log: Log, env: NodeJS.ProcessEnv = process.env): FetchFunction | undefined {
  const file = env.NODE_EXTRA_CA_CERTS;
  if (!file) {
    return undefined;
  }
  let extra: string;
  try {
    extra = readFileSync(file, 'utf8');
  } catch (error) {
    log.warn(`NODE_EXTRA_CA_CERTS names ${file}, which cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const getCaCertificates = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;
  const system = getCaCertificates ? safely(() => getCaCertificates('system')) : [];
  const dispatcher = new Agent({ connect: { ca: [...tls.rootCertificates, ...system, extra] } });
  log.info(`Trusting the certificates in NODE_EXTRA_CA_CERTS (${file}) as well as the system store.`);
  // Node's fetch takes an undici dispatcher, which the DOM RequestInit type does not list.
  return (input, init) => fetch(input, { ...init, dispatcher } as unknown as RequestInit);
}

function safely(read: () => string[]): string[] {
  try {
    return read();
  } catch {
    return [];
  }
}
