export { useIdentity, type IdentityContext, type IdentityOptions } from "./use-identity.js";
