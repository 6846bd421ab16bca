// A small schema combinator for the webview protocol. One schema gives both the TypeScript type
// (`Infer`) and the run-time check, so a message cannot be typed but unchecked. Ours rather than a
// library's: the protocol needs a dozen shapes, and the webview bundle stays small.

/** What `parse` returns for anything that does not match. */
export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

export interface Schema<T> {
  /** A fresh copy holding only what the schema declares, or INVALID. */
  parse(value: unknown): T | Invalid;
}

/** A property that may be absent (or undefined); see `object`. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

export type Shape = Record<string, Schema<unknown>>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type OptionalKeys<S extends Shape> = { [K in keyof S]: S[K] extends OptionalSchema<unknown> ? K : never }[keyof S];
export type InferShape<S extends Shape> = Simplify<
  { -readonly [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { -readonly [K in OptionalKeys<S>]?: Exclude<Infer<S[K]>, undefined> }
>;

/** Objects made by `variant`: one object shape per tag, the tag under `key`. */
export type InferVariant<K extends string, V extends Record<string, Shape>> = {
  [Tag in keyof V & string]: Simplify<{ -readonly [P in K]: Tag } & InferShape<V[Tag]>>;
}[keyof V & string];

/**
 * Whether unknown properties are dropped from the copy (what the extension sends may carry more
 * than the view reads) or make the whole value invalid (what the view sends must be exact).
 */
export type ExtraKeys = 'strip' | 'reject';

const hasOwn = (value: object, key: string): boolean => Object.prototype.hasOwnProperty.call(value, key);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const boolean: Schema<boolean> = { parse: (value) => (typeof value === 'boolean' ? value : INVALID) };

/** A finite number, zero or more: token counts, costs, timestamps. */
export const count: Schema<number> = {
  parse: (value) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : INVALID),
};

export function string(rule: { max?: number; pattern?: RegExp } = {}): Schema<string> {
  return {
    parse: (value) =>
      typeof value === 'string' && (rule.max === undefined || value.length <= rule.max) && (rule.pattern === undefined || rule.pattern.test(value))
        ? value
        : INVALID,
  };
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  const allowed = new Set<string>(values);
  return { parse: (value) => (typeof value === 'string' && allowed.has(value) ? (value as T[number]) : INVALID) };
}

export function array<T>(item: Schema<T>): Schema<T[]> {
  return {
    parse: (value) => {
      if (!Array.isArray(value)) {
        return INVALID;
      }
      const parsed: T[] = [];
      for (const element of value) {
        const result = item.parse(element);
        if (result === INVALID) {
          return INVALID;
        }
        parsed.push(result);
      }
      return parsed;
    },
  };
}

export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return { optional: true, parse: (value) => (value === undefined ? undefined : inner.parse(value)) };
}

/** Narrows a schema with a rule its type cannot say (a link's scheme, a non-empty trimmed text). */
export function refine<T>(inner: Schema<T>, ok: (value: T) => boolean): Schema<T> {
  return {
    parse: (value) => {
      const result = inner.parse(value);
      return result !== INVALID && ok(result) ? result : INVALID;
    },
  };
}

/** Rewrites a valid value (e.g. trims it) after the check. */
export function map<T, U>(inner: Schema<T>, transform: (value: T) => U): Schema<U> {
  return {
    parse: (value) => {
      const result = inner.parse(value);
      return result === INVALID ? INVALID : transform(result);
    },
  };
}

function parseShape(shape: Shape, value: Record<string, unknown>, extraKeys: ExtraKeys, allowed: (key: string) => boolean): Record<string, unknown> | Invalid {
  if (extraKeys === 'reject' && Object.keys(value).some((key) => !allowed(key))) {
    return INVALID;
  }
  const parsed: Record<string, unknown> = {};
  for (const key of Object.keys(shape)) {
    const result = shape[key].parse(hasOwn(value, key) ? value[key] : undefined);
    if (result === INVALID) {
      return INVALID;
    }
    if (result !== undefined) {
      parsed[key] = result;
    }
  }
  return parsed;
}

export function object<S extends Shape>(shape: S, extraKeys: ExtraKeys = 'strip'): Schema<InferShape<S>> {
  return {
    parse: (value) =>
      isRecord(value) ? (parseShape(shape, value, extraKeys, (key) => hasOwn(shape, key)) as InferShape<S> | Invalid) : INVALID,
  };
}

/** A record of the given keys, each a string: the view's labels. */
export function strings<K extends string>(keys: readonly K[]): Schema<Record<K, string>> {
  const shape: Shape = Object.fromEntries(keys.map((key) => [key, string()]));
  return { parse: (value) => (isRecord(value) ? (parseShape(shape, value, 'strip', () => true) as Record<K, string> | Invalid) : INVALID) };
}

export interface VariantSchema<K extends string, V extends Record<string, Shape>> extends Schema<InferVariant<K, V>> {
  /** Every tag the schema knows, for tests that check each has a schema and samples. */
  readonly tags: ReadonlyArray<keyof V & string>;
}

/** A tagged union: `key` picks the object shape in `variants`; an unknown tag is invalid. */
export function variant<K extends string, V extends Record<string, Shape>>(key: K, variants: V, extraKeys: ExtraKeys = 'strip'): VariantSchema<K, V> {
  return {
    tags: Object.keys(variants),
    parse: (value) => {
      const tag = isRecord(value) && hasOwn(value, key) ? value[key] : undefined;
      if (typeof tag !== 'string' || !hasOwn(variants, tag)) {
        return INVALID;
      }
      const shape = variants[tag];
      const parsed = parseShape(shape, value as Record<string, unknown>, extraKeys, (name) => name === key || hasOwn(shape, name));
      return parsed === INVALID ? INVALID : ({ [key]: tag, ...parsed } as InferVariant<K, V>);
    },
  };
}
