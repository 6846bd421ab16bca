// Catches a model name that cannot exist on the chosen endpoint before it becomes a 404.
import { Mode } from './endpoint';

export type ModelFit =
  | { ok: true }
  | { ok: false; reason: 'maasModelOnInstance' | 'instanceModelOnMaas'; fittingMode: Mode };

const MAAS_PREFIX = 'public/';

export function isMaasModel(model: string): boolean {
  return model.startsWith(MAAS_PREFIX);
}

export function checkModelFitsMode(model: string, mode: Mode): ModelFit {
  if (mode === 'instance' && isMaasModel(model)) {
    return { ok: false, reason: 'maasModelOnInstance', fittingMode: 'maas' };
  }
  if (mode === 'maas' && !isMaasModel(model)) {
    return { ok: false, reason: 'instanceModelOnMaas', fittingMode: 'instance' };
  }
  return { ok: true };
}
