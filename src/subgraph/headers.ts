/** The header that carries the gateway's signed identity to subgraphs. */
export const INTERNAL_TOKEN_HEADER = "x-internal-token";
/** The header that carries the request id across processes. */
export const REQUEST_ID_HEADER = "x-request-id";
