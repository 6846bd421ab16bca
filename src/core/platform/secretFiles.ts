// Files that hold keys and credentials: never sent to a model, as an attachment or as prompt context.

const SECRET_FILE_NAMES = [
  /^\.env(\..*)?$/i, // .env, .env.local, .env.production
  /\.(pem|key|p12|pfx)$/i, // certificates and private keys
  /^id_[a-z0-9_-]+(\.pub)?$/i, // ssh keys: id_rsa, id_ed25519(.pub); not id_map.py
  /^\.(netrc|npmrc)$/i, // credentials for hosts and registries
];

/** Judged by the file's name, whatever folder it is in. */
export function isSecretFile(path: string): boolean {
  const name = path.split(/[\\/]/).pop() ?? path;
  return SECRET_FILE_NAMES.some((pattern) => pattern.test(name));
}
