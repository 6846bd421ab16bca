// Makes NODE_EXTRA_CA_CERTS count for our requests. With http.systemCertificates on (the default),
// VS Code's fetch gives each request the bundled roots plus the system store as its whole CA list,
// which drops the extra certificates Node would otherwise add. VS Code takes the CA list from the
// dispatcher a request brings, so we bring one whose list has them all.
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import type { Agent } from 'undici';
import type { FetchFunction } from '../../core/platform/guardedFetch';
import { Log } from './log';

/** `tls.getCACertificates` is Node 22.15+; on older hosts the extra certificates replace the system store. */
type GetCaCertificates = (type: 'system') => string[];

/**
 * A fetch whose CA list adds NODE_EXTRA_CA_CERTS to the bundled roots, and to the system store
 * while `useSystemCertificates()` says so (http.systemCertificates); undefined when the variable is not set.
 */
export function fetchWithExtraCertificates(log: Log, useSystemCertificates: () => boolean, env: NodeJS.ProcessEnv = process.env): FetchFunction | undefined {
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
  log.info(`Trusting the certificates in NODE_EXTRA_CA_CERTS (${file}).`);
  const agents = new Map<boolean, Agent>();
  const agentFor = (withSystem: boolean): Agent => {
    let agent = agents.get(withSystem);
    if (!agent) {
      // Loaded here, not at activation: only users with NODE_EXTRA_CA_CERTS pay for undici.
      const { Agent } = require('undici') as typeof import('undici');
      const system = withSystem ? systemCertificates() : [];
      agent = new Agent({ connect: { ca: [...tls.rootCertificates, ...system, extra] } });
      agents.set(withSystem, agent);
    }
    return agent;
  };
  // Node's fetch takes an undici dispatcher, which the DOM RequestInit type does not list.
  return (input, init) => fetch(input, { ...init, dispatcher: agentFor(useSystemCertificates()) } as unknown as RequestInit);
}

function systemCertificates(): string[] {
  const getCaCertificates = (tls as unknown as { getCACertificates?: GetCaCertificates }).getCACertificates;
  try {
    return getCaCertificates?.('system') ?? [];
  } catch {
    return [];
  }
}
