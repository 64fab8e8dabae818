import type { FastifySerializerCompiler } from 'fastify/types/schema';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { $ZodType, safeEncode } from 'zod/v4/core';

/**
 * Writes one value as JSON text, or undefined for a value JSON leaves out (an absent optional property). Throws
 * MISMATCH when the value is not of the schema's type.
 */
type Writer = (value: unknown) => string | undefined;

/** Thrown by a writer for a value that does not fit its schema: the Zod serialiser then takes the whole answer. */
const MISMATCH = Symbol('response does not fit its schema');
const mismatch = (): never => {
  throw MISMATCH;
};

/** The parts of a Zod 4 definition the writers read (zod/v4/core keeps them on `schema._zod.def`). */
type Def = {
  type: string;
  checks?: { _zod: { def: { check: string } } }[];
  innerType?: $ZodType;
  element?: $ZodType;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  entries?: Record<string, string | number>;
  values?: unknown[];
};

const defOf = (schema: $ZodType) => schema._zod.def as unknown as Def;

/** Whether a string or number schema rewrites its value (`.trim()`, `.toLowerCase()`…): Zod's own path keeps that. */
const rewrites = (def: Def) => (def.checks ?? []).some((check) => check._zod.def.check === 'overwrite');

/** Any schema the writers do not know (unions, codecs, records, defaults…): Zod encodes that part, JSON writes it. */
const zodWriter =
  (schema: $ZodType): Writer =>
  (value) => {
    const result = safeEncode(schema, value);
    if (!result.success) return mismatch();
    return JSON.stringify(result.data);
  };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function objectWriter(shape: Record<string, $ZodType>): Writer {
  const fields = Object.entries(shape).map(([key, schema]) => ({
    key,
    prefix: `${JSON.stringify(key)}:`,
    write: writerOf(schema),
  }));
  return (value) => {
    if (!isPlainObject(value)) return mismatch();
    let json = '';
    for (const field of fields) {
      const text = field.write(value[field.key]);
      if (text === undefined) continue;
      json += (json === '' ? '{' : ',') + field.prefix + text;
    }
    return json === '' ? '{}' : `${json}}`;
  };
}

/** The writer of one schema, built once: the type of every value is checked, refinements and formats are not. */
function writerOf(schema: $ZodType): Writer {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (rewrites(def)) return zodWriter(schema);
      return (value) => (typeof value === 'string' ? JSON.stringify(value) : mismatch());
    case 'number':
      if (rewrites(def)) return zodWriter(schema);
      return (value) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : mismatch());
    case 'boolean':
      return (value) => (value === true ? 'true' : value === false ? 'false' : mismatch());
    case 'null':
      return (value) => (value === null ? 'null' : mismatch());
    case 'enum':
    case 'literal': {
      const allowed = new Set(def.type === 'enum' ? Object.values(def.entries ?? {}) : (def.values ?? []));
      return (value) => (allowed.has(value as never) ? JSON.stringify(value) : mismatch());
    }
    case 'nullable': {
      const inner = writerOf(def.innerType!);
      return (value) => (value === null ? 'null' : inner(value));
    }
    case 'optional': {
      const inner = writerOf(def.innerType!);
      return (value) => (value === undefined ? undefined : inner(value));
    }
    case 'array': {
      const element = writerOf(def.element!);
      return (value) => {
        if (!Array.isArray(value)) return mismatch();
        let json = '[';
        for (let i = 0; i < value.length; i++) json += (i === 0 ? '' : ',') + (element(value[i]) ?? 'null');
        return `${json}]`;
      };
    }
    case 'object':
      // A strict or loose object (a catchall) keeps Zod's rules for the keys the shape does not name.
      return def.catchall ? zodWriter(schema) : objectWriter(def.shape!);
    default:
      return zodWriter(schema);
  }
}

/**
 * Fastify's serializer compiler for our Zod response schemas: each schema is turned once (at its first answer) into a writer that checks
 * every value's type (string, number, boolean, null, enum member, object, array) and writes the JSON directly,
 * keeping only the schema's properties, in its order — the text `JSON.stringify(z.encode(schema, answer))` gives for
 * a valid answer, without running the schema's refinements and formats on every answer (a tenth of a dashboard
 * request). Parts it does not know (unions, codecs, records, rewriting strings…) are encoded by Zod. An answer whose
 * types do not fit goes to fastify-type-provider-zod's serializer, which throws its ResponseSerializationError
 * (a 500) as before.
 */
export const responseSerializerCompiler: FastifySerializerCompiler<unknown> = (route) => {
  const viaZod = zodSerializerCompiler(route as never);
  const schema = route.schema as unknown;
  const zodSchema =
    schema instanceof $ZodType
      ? schema
      : isPlainObject(schema) && schema.properties instanceof $ZodType
        ? schema.properties
        : undefined;
  if (!zodSchema) return viaZod;
  // Built at the route's first answer, not at start-up: most routes of a restart answer nothing for a while (issue 9).
  let write: Writer | undefined;
  return (data) => {
    try {
      write ??= writerOf(zodSchema);
      return write(data) ?? viaZod(data);
    } catch (error) {
      if (error === MISMATCH) return viaZod(data);
      throw error;
    }
  };
};
