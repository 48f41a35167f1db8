import { hash, verify } from "@node-rs/argon2";

// OWASP's Argon2id minimum: 19 MiB, 2 iterations, 1 lane.
const params = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, params);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  // Hash anyway when the account has no password, so timing does not reveal which emails exist.
  if (!passwordHash) {
    await hash(password, params);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
