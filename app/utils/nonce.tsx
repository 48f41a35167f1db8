import { createContext, useContext } from "react";

/** The CSP nonce of this response, so Remix's inline scripts are allowed and nothing else is. */
export const NonceContext = createContext<string>("");
export const useNonce = () => useContext(NonceContext);
