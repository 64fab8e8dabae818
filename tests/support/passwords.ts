import * as argon2 from '@node-rs/argon2';

/**
 * An argon2id hash of `password` with node-argon2's defaults (64 MiB, 3 passes, 4 lanes), which hashed this
 * project's passwords before ARGON2_PARAMS were set: a stored hash the next sign-in must replace.
 */
export const hashWithFormerDefaults = (password: string): Promise<string> =>
  argon2.hash(password, { memoryCost: 65_536, timeCost: 3, parallelism: 4 });
