/** Roles a token may carry (API.md, Identity). */
export const ROLES = ["admin", "trader", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller of a request, as the gateway verified it. */
export interface Viewer {
  /** The user id (`sub` claim). */
  id: string;
  roles: readonly Role[];
}

/** True when the viewer holds the admin role. */
export function isAdmin(viewer: Viewer | null): boolean {
  return viewer?.roles.includes("admin") ?? false;
}

/** True when the viewer may change what they own (trader or admin). */
export function canWrite(viewer: Viewer | null): boolean {
  return viewer !== null && (viewer.roles.includes("trader") || viewer.roles.includes("admin"));
}

/** True when the viewer may see a record owned by `ownerId`. */
export function canSee(viewer: Viewer | null, ownerId: string): boolean {
  return viewer !== null && (viewer.id === ownerId || isAdmin(viewer));
}
