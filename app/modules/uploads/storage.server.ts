import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { UTApi, UTFile } from "uploadthing/server";
import { env } from "~/utils/env.server";

/** One storage interface; the app never asks which driver is active. */
export interface StorageDriver {
  name: "uploadthing" | "local";
  put(key: string, bytes: Uint8Array, mime: string): Promise<string>;
  get(storedKey: string): Promise<Uint8Array | null>;
}

function localDriver(dir: string): StorageDriver {
  return {
    name: "local",
    async put(key, bytes) {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, key), bytes);
      return key;
    },
    async get(storedKey) {
      if (!/^[a-z0-9]+(\.[a-z0-9]+)?$/.test(storedKey)) return null;
      try {
        return new Uint8Array(await readFile(path.join(dir, storedKey)));
      } catch {
        return null;
      }
    },
  };
}

function uploadThingDriver(token: string): StorageDriver {
  const api = new UTApi({ token });
  return {
    name: "uploadthing",
    async put(key, bytes, mime) {
      const result = await api.uploadFiles(new UTFile([Buffer.from(bytes)], key, { type: mime }));
      if (result.error) throw new Error(`UploadThing refused the file: ${result.error.message}`);
      return result.data.key;
    },
    async get(storedKey) {
      const { ufsUrl } = await api.generateSignedURL(storedKey, { expiresIn: 60 });
      const res = await fetch(ufsUrl);
      return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
    },
  };
}

export function storage(): StorageDriver {
  const e = env();
  return e.UPLOADTHING_TOKEN ? uploadThingDriver(e.UPLOADTHING_TOKEN) : localDriver(path.resolve(e.DATA_DIR, "uploads"));
}
